import { handleTrpcRequest } from "@/server/http/trpc-handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export { handleTrpcRequest as GET, handleTrpcRequest as POST };

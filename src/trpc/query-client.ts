import { QueryClient } from "@tanstack/react-query";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Live panels are refreshed by subscriptions; this only avoids refetch storms on focus.
        staleTime: 5_000,
        retry: (failures, error) => failures < 3 && !isClientError(error),
      },
      // Never retry a mutation automatically: order.place retries are the SDK's explicit job.
      mutations: { retry: false },
    },
  });
}

function isClientError(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } }).data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}

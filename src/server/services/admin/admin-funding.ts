import { findUserByEmail } from "../../db/queries/users";
import { DomainError } from "@/domain/errors";
import { getBalances } from "../accounts/account-data";
import type { ServiceContext } from "../context";
import { deposit, withdraw } from "../accounts/funding";
import type { BalanceView } from "../views";

export interface AdminFundingRequest {
  adminId: string;
  /** Normalised. */
  email: string;
  asset: string;
  amount: string;
  note?: string;
}

async function userIdOf(ctx: ServiceContext, email: string): Promise<string> {
  const user = await findUserByEmail(ctx.db, email);
  if (!user) throw new DomainError("USER_NOT_FOUND");
  return user.id;
}

/** The journal names the admin who moved the money, and why. */
function reference(request: AdminFundingRequest): string {
  return `admin:${request.adminId}${request.note ? `:${request.note}` : ""}`;
}

export async function adminDeposit(ctx: ServiceContext, request: AdminFundingRequest): Promise<BalanceView> {
  const userId = await userIdOf(ctx, request.email);
  return deposit(ctx, { userId, asset: request.asset, amount: request.amount, reference: reference(request) });
}

export async function adminWithdraw(ctx: ServiceContext, request: AdminFundingRequest): Promise<BalanceView> {
  const userId = await userIdOf(ctx, request.email);
  return withdraw(ctx, { userId, asset: request.asset, amount: request.amount, reference: reference(request) });
}

export interface AdminUserView {
  id: string;
  email: string;
  name: string;
  role: string;
  balances: BalanceView[];
}

export async function findUserForAdmin(ctx: ServiceContext, email: string): Promise<AdminUserView> {
  const user = await findUserByEmail(ctx.db, email);
  if (!user?.email) throw new DomainError("USER_NOT_FOUND");
  return { id: user.id, email: user.email, name: user.name, role: user.role, balances: await getBalances(ctx, user.id) };
}

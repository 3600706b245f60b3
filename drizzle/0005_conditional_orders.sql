ALTER TABLE "orders" DROP CONSTRAINT "orders_type_valid";--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_status_valid";--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_limit_has_price";--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_closed_hold_nothing";--> statement-breakpoint
DROP INDEX "orders_book_bids_idx";--> statement-breakpoint
DROP INDEX "orders_book_asks_idx";--> statement-breakpoint
DROP INDEX "orders_user_open_idx";--> statement-breakpoint
-- Hand-edited: existing orders keep their time priority (priority = id), so the column is filled from the id before it gets its default and NOT NULL; a volatile default would number existing rows in physical order.
ALTER TABLE "orders" ADD COLUMN "priority" bigint;--> statement-breakpoint
UPDATE "orders" SET "priority" = "id";--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "priority" SET DEFAULT nextval(pg_get_serial_sequence('orders', 'id'));--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "priority" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "trigger_price" numeric(38, 0);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "trailing_delta" numeric(38, 0);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "trailing_bps" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "activation_price" numeric(38, 0);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "trail_extreme" numeric(38, 0);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "wake_below" numeric(38, 0);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "wake_above" numeric(38, 0);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "oco_order_id" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "triggered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_oco_order_id_orders_id_fk" FOREIGN KEY ("oco_order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_pending_below_idx" ON "orders" USING btree ("market","wake_below" DESC NULLS LAST) WHERE "orders"."status" = 'PENDING' and "orders"."wake_below" is not null;--> statement-breakpoint
CREATE INDEX "orders_pending_above_idx" ON "orders" USING btree ("market","wake_above") WHERE "orders"."status" = 'PENDING' and "orders"."wake_above" is not null;--> statement-breakpoint
CREATE INDEX "orders_triggered_idx" ON "orders" USING btree ("market","priority") WHERE "orders"."status" = 'TRIGGERED';--> statement-breakpoint
CREATE INDEX "orders_book_bids_idx" ON "orders" USING btree ("market","price" DESC NULLS LAST,"priority") WHERE "orders"."side" = 'BUY' and "orders"."status" in ('NEW', 'PARTIALLY_FILLED');--> statement-breakpoint
CREATE INDEX "orders_book_asks_idx" ON "orders" USING btree ("market","price","priority") WHERE "orders"."side" = 'SELL' and "orders"."status" in ('NEW', 'PARTIALLY_FILLED');--> statement-breakpoint
CREATE INDEX "orders_user_open_idx" ON "orders" USING btree ("user_id","market") WHERE "orders"."status" in ('NEW', 'PARTIALLY_FILLED', 'PENDING', 'TRIGGERED');--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_pending_conditional" CHECK ("orders"."status" not in ('PENDING', 'TRIGGERED') or ("orders"."type" in ('STOP_MARKET', 'STOP_LIMIT', 'TAKE_PROFIT_MARKET', 'TAKE_PROFIT_LIMIT', 'TRAILING_STOP') and "orders"."filled_quantity" = 0));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_trigger_fields" CHECK (case
        when "orders"."type" in ('LIMIT', 'MARKET') then "orders"."trigger_price" is null and "orders"."trailing_delta" is null
          and "orders"."trailing_bps" is null and "orders"."activation_price" is null and "orders"."trail_extreme" is null
        when "orders"."type" = 'TRAILING_STOP' then ("orders"."trailing_delta" is null) <> ("orders"."trailing_bps" is null)
        else "orders"."trigger_price" is not null and "orders"."trailing_delta" is null and "orders"."trailing_bps" is null
          and "orders"."activation_price" is null and "orders"."trail_extreme" is null end);--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_wake_only_pending" CHECK ("orders"."status" = 'PENDING' or ("orders"."wake_below" is null and "orders"."wake_above" is null));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_type_valid" CHECK ("orders"."type" in ('LIMIT', 'MARKET', 'STOP_MARKET', 'STOP_LIMIT', 'TAKE_PROFIT_MARKET', 'TAKE_PROFIT_LIMIT', 'TRAILING_STOP'));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_status_valid" CHECK ("orders"."status" in ('NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED', 'PENDING', 'TRIGGERED'));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_limit_has_price" CHECK (("orders"."type" in ('LIMIT', 'STOP_LIMIT', 'TAKE_PROFIT_LIMIT')) = ("orders"."price" is not null));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_closed_hold_nothing" CHECK ("orders"."status" in ('NEW', 'PARTIALLY_FILLED', 'PENDING', 'TRIGGERED') or "orders"."held" = 0);
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"symbol" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"scale" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assets_scale_range" CHECK ("assets"."scale" between 0 and 18),
	CONSTRAINT "assets_symbol_format" CHECK ("assets"."symbol" ~ '^[A-Z0-9]{2,12}$')
);
--> statement-breakpoint
CREATE TABLE "markets" (
	"symbol" text PRIMARY KEY NOT NULL,
	"base_asset" text NOT NULL,
	"quote_asset" text NOT NULL,
	"price_tick" numeric(38, 0) NOT NULL,
	"quantity_step" numeric(38, 0) NOT NULL,
	"min_quantity" numeric(38, 0) NOT NULL,
	"min_notional" numeric(38, 0) NOT NULL,
	"maker_fee_bps" integer NOT NULL,
	"taker_fee_bps" integer NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "markets_tick_positive" CHECK ("markets"."price_tick" > 0),
	CONSTRAINT "markets_step_positive" CHECK ("markets"."quantity_step" > 0),
	CONSTRAINT "markets_min_quantity_positive" CHECK ("markets"."min_quantity" > 0),
	CONSTRAINT "markets_min_notional_nonnegative" CHECK ("markets"."min_notional" >= 0),
	CONSTRAINT "markets_fees_range" CHECK ("markets"."maker_fee_bps" between 0 and 1000 and "markets"."taker_fee_bps" between 0 and 1000),
	CONSTRAINT "markets_distinct_assets" CHECK ("markets"."base_asset" <> "markets"."quote_asset"),
	CONSTRAINT "markets_status_valid" CHECK ("markets"."status" in ('OPEN', 'HALTED'))
);
--> statement-breakpoint
CREATE TABLE "balances" (
	"user_id" uuid NOT NULL,
	"asset" text NOT NULL,
	"available" numeric(38, 0) DEFAULT 0 NOT NULL,
	"held" numeric(38, 0) DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "balances_user_id_asset_pk" PRIMARY KEY("user_id","asset"),
	CONSTRAINT "balances_available_nonnegative" CHECK ("balances"."available" >= 0),
	CONSTRAINT "balances_held_nonnegative" CHECK ("balances"."held" >= 0)
);
--> statement-breakpoint
CREATE TABLE "journals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"journal_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"asset" text NOT NULL,
	"amount" numeric(38, 0) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_amount_nonzero" CHECK ("ledger_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid NOT NULL,
	"market" text NOT NULL,
	"client_order_id" text NOT NULL,
	"side" text NOT NULL,
	"type" text NOT NULL,
	"time_in_force" text NOT NULL,
	"post_only" boolean DEFAULT false NOT NULL,
	"self_trade_prevention" text NOT NULL,
	"price" numeric(38, 0),
	"quantity" numeric(38, 0),
	"quote_amount" numeric(38, 0),
	"filled_quantity" numeric(38, 0) DEFAULT 0 NOT NULL,
	"filled_quote" numeric(38, 0) DEFAULT 0 NOT NULL,
	"fees_paid" numeric(38, 0) DEFAULT 0 NOT NULL,
	"held" numeric(38, 0) DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"close_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_user_client_order_id" UNIQUE("user_id","client_order_id"),
	CONSTRAINT "orders_side_valid" CHECK ("orders"."side" in ('BUY', 'SELL')),
	CONSTRAINT "orders_type_valid" CHECK ("orders"."type" in ('LIMIT', 'MARKET')),
	CONSTRAINT "orders_tif_valid" CHECK ("orders"."time_in_force" in ('GTC', 'IOC', 'FOK')),
	CONSTRAINT "orders_stp_valid" CHECK ("orders"."self_trade_prevention" in ('EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH')),
	CONSTRAINT "orders_status_valid" CHECK ("orders"."status" in ('NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED')),
	CONSTRAINT "orders_amounts_nonnegative" CHECK ("orders"."filled_quantity" >= 0 and "orders"."filled_quote" >= 0 and "orders"."fees_paid" >= 0 and "orders"."held" >= 0),
	CONSTRAINT "orders_filled_within_quantity" CHECK ("orders"."quantity" is null or "orders"."filled_quantity" <= "orders"."quantity"),
	CONSTRAINT "orders_limit_has_price" CHECK (("orders"."type" = 'LIMIT') = ("orders"."price" is not null)),
	CONSTRAINT "orders_price_positive" CHECK ("orders"."price" is null or "orders"."price" > 0),
	CONSTRAINT "orders_size_given" CHECK ("orders"."quantity" is not null or "orders"."quote_amount" is not null),
	CONSTRAINT "orders_closed_hold_nothing" CHECK ("orders"."status" in ('NEW', 'PARTIALLY_FILLED') or "orders"."held" = 0)
);
--> statement-breakpoint
CREATE TABLE "trades" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "trades_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"market" text NOT NULL,
	"price" numeric(38, 0) NOT NULL,
	"quantity" numeric(38, 0) NOT NULL,
	"quote_quantity" numeric(38, 0) NOT NULL,
	"taker_side" text NOT NULL,
	"maker_order_id" bigint NOT NULL,
	"taker_order_id" bigint NOT NULL,
	"maker_user_id" uuid NOT NULL,
	"taker_user_id" uuid NOT NULL,
	"maker_fee" numeric(38, 0) NOT NULL,
	"taker_fee" numeric(38, 0) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trades_positive" CHECK ("trades"."price" > 0 and "trades"."quantity" > 0 and "trades"."quote_quantity" >= 0),
	CONSTRAINT "trades_fees_nonnegative" CHECK ("trades"."maker_fee" >= 0 and "trades"."taker_fee" >= 0),
	CONSTRAINT "trades_two_orders" CHECK ("trades"."maker_order_id" <> "trades"."taker_order_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text,
	"name" text NOT NULL,
	"password_hash" text,
	"role" text DEFAULT 'trader' NOT NULL,
	"token_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_role_valid" CHECK ("users"."role" in ('trader', 'admin', 'system'))
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "markets" ADD CONSTRAINT "markets_base_asset_assets_symbol_fk" FOREIGN KEY ("base_asset") REFERENCES "public"."assets"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "markets" ADD CONSTRAINT "markets_quote_asset_assets_symbol_fk" FOREIGN KEY ("quote_asset") REFERENCES "public"."assets"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balances" ADD CONSTRAINT "balances_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balances" ADD CONSTRAINT "balances_asset_assets_symbol_fk" FOREIGN KEY ("asset") REFERENCES "public"."assets"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_journal_id_journals_id_fk" FOREIGN KEY ("journal_id") REFERENCES "public"."journals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_asset_assets_symbol_fk" FOREIGN KEY ("asset") REFERENCES "public"."assets"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_market_markets_symbol_fk" FOREIGN KEY ("market") REFERENCES "public"."markets"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trades" ADD CONSTRAINT "trades_market_markets_symbol_fk" FOREIGN KEY ("market") REFERENCES "public"."markets"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trades" ADD CONSTRAINT "trades_maker_order_id_orders_id_fk" FOREIGN KEY ("maker_order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trades" ADD CONSTRAINT "trades_taker_order_id_orders_id_fk" FOREIGN KEY ("taker_order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trades" ADD CONSTRAINT "trades_maker_user_id_users_id_fk" FOREIGN KEY ("maker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trades" ADD CONSTRAINT "trades_taker_user_id_users_id_fk" FOREIGN KEY ("taker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_user_idx" ON "api_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_user_asset_idx" ON "ledger_entries" USING btree ("user_id","asset");--> statement-breakpoint
CREATE INDEX "ledger_entries_journal_idx" ON "ledger_entries" USING btree ("journal_id");--> statement-breakpoint
CREATE INDEX "events_topic_seq_idx" ON "events" USING btree ("topic","seq");--> statement-breakpoint
CREATE INDEX "events_created_at_idx" ON "events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "orders_book_bids_idx" ON "orders" USING btree ("market","price" DESC NULLS LAST,"id") WHERE "orders"."side" = 'BUY' and "orders"."status" in ('NEW', 'PARTIALLY_FILLED');--> statement-breakpoint
CREATE INDEX "orders_book_asks_idx" ON "orders" USING btree ("market","price","id") WHERE "orders"."side" = 'SELL' and "orders"."status" in ('NEW', 'PARTIALLY_FILLED');--> statement-breakpoint
CREATE INDEX "orders_user_idx" ON "orders" USING btree ("user_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_user_open_idx" ON "orders" USING btree ("user_id","market") WHERE "orders"."status" in ('NEW', 'PARTIALLY_FILLED');--> statement-breakpoint
CREATE INDEX "trades_market_time_idx" ON "trades" USING btree ("market","created_at");--> statement-breakpoint
CREATE INDEX "trades_market_id_idx" ON "trades" USING btree ("market","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "trades_maker_user_idx" ON "trades" USING btree ("maker_user_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "trades_taker_user_idx" ON "trades" USING btree ("taker_user_id","id" DESC NULLS LAST);
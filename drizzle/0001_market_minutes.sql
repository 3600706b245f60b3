CREATE TABLE "market_minutes" (
	"market" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"open" numeric(38, 0) NOT NULL,
	"high" numeric(38, 0) NOT NULL,
	"low" numeric(38, 0) NOT NULL,
	"close" numeric(38, 0) NOT NULL,
	"first_trade_id" bigint NOT NULL,
	"last_trade_id" bigint NOT NULL,
	"base_volume" numeric(38, 0) NOT NULL,
	"quote_volume" numeric(38, 0) NOT NULL,
	"trade_count" integer NOT NULL,
	CONSTRAINT "market_minutes_market_bucket_pk" PRIMARY KEY("market","bucket"),
	CONSTRAINT "market_minutes_positive" CHECK ("market_minutes"."trade_count" > 0 and "market_minutes"."low" <= "market_minutes"."high")
);
--> statement-breakpoint
ALTER TABLE "market_minutes" ADD CONSTRAINT "market_minutes_market_markets_symbol_fk" FOREIGN KEY ("market") REFERENCES "public"."markets"("symbol") ON DELETE no action ON UPDATE no action;
CREATE TABLE "imported_candles" (
	"market" text NOT NULL,
	"interval" text NOT NULL,
	"open_time" timestamp with time zone NOT NULL,
	"open" numeric(38, 0) NOT NULL,
	"high" numeric(38, 0) NOT NULL,
	"low" numeric(38, 0) NOT NULL,
	"close" numeric(38, 0) NOT NULL,
	"base_volume" numeric(38, 0) NOT NULL,
	"quote_volume" numeric(38, 0) NOT NULL,
	"trade_count" bigint NOT NULL,
	"taker_buy_base_volume" numeric(38, 0) NOT NULL,
	"taker_buy_quote_volume" numeric(38, 0) NOT NULL,
	"source" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "imported_candles_market_interval_open_time_pk" PRIMARY KEY("market","interval","open_time"),
	CONSTRAINT "imported_candles_interval_valid" CHECK ("imported_candles"."interval" in ('1m', '5m', '15m', '1h', '4h', '1d')),
	CONSTRAINT "imported_candles_prices_ordered" CHECK ("imported_candles"."low" > 0 and "imported_candles"."low" <= "imported_candles"."open" and "imported_candles"."low" <= "imported_candles"."close" and "imported_candles"."open" <= "imported_candles"."high" and "imported_candles"."close" <= "imported_candles"."high"),
	CONSTRAINT "imported_candles_volumes_valid" CHECK ("imported_candles"."trade_count" >= 0 and "imported_candles"."taker_buy_base_volume" >= 0 and "imported_candles"."taker_buy_base_volume" <= "imported_candles"."base_volume" and "imported_candles"."taker_buy_quote_volume" >= 0 and "imported_candles"."taker_buy_quote_volume" <= "imported_candles"."quote_volume")
);
--> statement-breakpoint
ALTER TABLE "imported_candles" ADD CONSTRAINT "imported_candles_market_markets_symbol_fk" FOREIGN KEY ("market") REFERENCES "public"."markets"("symbol") ON DELETE no action ON UPDATE no action;
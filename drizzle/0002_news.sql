CREATE TABLE "news_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "news_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset" text NOT NULL,
	"source_id" bigint,
	"origin" text NOT NULL,
	"identity" text NOT NULL,
	"guid" text,
	"url" text,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"score_bps" integer NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "news_items_asset_identity" UNIQUE("asset","identity"),
	CONSTRAINT "news_items_origin_valid" CHECK ("news_items"."origin" in ('feed', 'manual', 'import')),
	CONSTRAINT "news_items_score_range" CHECK ("news_items"."score_bps" between -10000 and 10000),
	CONSTRAINT "news_items_text_length" CHECK (length("news_items"."title") between 1 and 300 and length("news_items"."summary") <= 1000),
	CONSTRAINT "news_items_url_length" CHECK ("news_items"."url" is null or length("news_items"."url") <= 2048)
);
--> statement-breakpoint
CREATE TABLE "news_sources" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "news_sources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"asset" text NOT NULL,
	"url" text NOT NULL,
	"kind" text,
	"etag" text,
	"last_modified" text,
	"last_fetched_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error_code" text,
	"last_error" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"next_due_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "news_sources_asset_url" UNIQUE("asset","url"),
	CONSTRAINT "news_sources_kind_valid" CHECK ("news_sources"."kind" is null or "news_sources"."kind" in ('rss', 'atom', 'rdf', 'json')),
	CONSTRAINT "news_sources_url_length" CHECK (length("news_sources"."url") <= 2048),
	CONSTRAINT "news_sources_failures_nonnegative" CHECK ("news_sources"."consecutive_failures" >= 0)
);
--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_asset_assets_symbol_fk" FOREIGN KEY ("asset") REFERENCES "public"."assets"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_items" ADD CONSTRAINT "news_items_source_id_news_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."news_sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_sources" ADD CONSTRAINT "news_sources_asset_assets_symbol_fk" FOREIGN KEY ("asset") REFERENCES "public"."assets"("symbol") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "news_items_asset_published_idx" ON "news_items" USING btree ("asset","published_at","id");--> statement-breakpoint
CREATE INDEX "news_sources_due_idx" ON "news_sources" USING btree ("next_due_at");
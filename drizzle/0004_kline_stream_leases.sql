CREATE TABLE "kline_stream_leases" (
	"stream" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);

export * from "./api-keys";
export * from "./assets";
export * from "./balances";
export * from "./events";
export * from "./orders";
export * from "./users";
export * from "./market-minutes";
export * from "./imported-candles";

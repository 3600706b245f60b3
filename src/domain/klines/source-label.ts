/**
 * The label imported candles carry. Binance names its files SYMBOL-INTERVAL-DATE (e.g.
 * BTCUSDT-1m-2024-01.zip), so such a file is labelled binance:BTCUSDT; any other file by its
 * own name. Labels are bounded so that a pathological file name cannot bloat every row.
 */
const BINANCE_FILE = /^([A-Z0-9]{2,20})-\d+[smhdwM]-\d{4}-\d{2}(-\d{2})?\.(csv|zip|json)$/;
export const MAX_SOURCE_CHARS = 100;

export function defaultSourceLabel(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const binance = BINANCE_FILE.exec(base);
  return (binance ? `binance:${binance[1]}` : base).slice(0, MAX_SOURCE_CHARS);
}

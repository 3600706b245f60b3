import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface UploadedFile {
  path: string;
  bytes: number;
  /** Removes the file and its folder; safe to call more than once. */
  remove(): Promise<void>;
}

/** A name safe to use in our own temp folder: no folders, no dots in front, bounded. */
function safeName(name: string): string {
  const base = path
    .basename(name)
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/^\.+/, "");
  return (base || "upload").slice(0, 120);
}

/**
 * Writes a request body to a private temp folder, refusing it ("too-large") the moment it passes
 * `maxBytes`, whatever Content-Length claimed. A file, not memory: a zip is read from its end,
 * and a year of candles should not sit in the heap. Nothing is left behind on refusal or failure.
 */
export async function saveUpload(
  body: ReadableStream<Uint8Array>,
  name: string,
  maxBytes: number,
): Promise<UploadedFile | "too-large"> {
  const folder = await mkdtemp(path.join(tmpdir(), "bourse-upload-"));
  const filePath = path.join(folder, safeName(name));
  const remove = () => rm(folder, { recursive: true, force: true });
  const reader = body.getReader();
  const handle = await open(filePath, "wx", 0o600);
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel();
        await handle.close();
        await remove();
        return "too-large";
      }
      await handle.write(value);
    }
    await handle.close();
    return { path: filePath, bytes, remove };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await remove();
    throw error;
  }
}

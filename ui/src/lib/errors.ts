// What a failure says to the user. Kept apart from api.ts so that code without the Tauri
// bindings (the editor store, which reaches Rust only through its ports) can use it.

/** A CommandError's (or any Error's) message, else the thrown value as text. */
export function errorText(e: unknown): string {
  if (e && typeof e === "object" && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}

// The UI's only door to Rust: the generated bindings, with failures turned into thrown
// CommandErrors that carry the shell's `{ code, message }`.

import { commands, type ApiError, type ErrorCode } from "../bindings.gen";

export { commands };

export class CommandError extends Error {
  readonly code: ErrorCode;
  constructor(e: ApiError) {
    super(e.message);
    this.code = e.code;
  }
}

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: ApiError };

/** Awaits a command and returns its value, throwing a CommandError when it failed. */
export async function call<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (r.status === "error") throw new CommandError(r.error);
  return r.data;
}

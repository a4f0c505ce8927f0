/**
 * What went wrong, in words, whatever was thrown: an Error, or an object
 * that only looks like one (Emscripten's ExitStatus, an error rebuilt
 * across a worker boundary), never "[object Object]".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const { message } = error as { message?: unknown };
    if (typeof message === 'string' && message) return message;
    try {
      return JSON.stringify(error);
    } catch {
      return 'an error that gave no message';
    }
  }
  return String(error);
}

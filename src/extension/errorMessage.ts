// The text of an error as the user should read it in a notification.

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

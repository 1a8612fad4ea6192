/**
 * Every feature's messages (`features/<name>/messages.<lang>.json`), in one module that the console
 * loads after the board's first JavaScript: one request, not one per file.
 */
type Messages = { [key: string]: string | Messages };

export const featureMessages = import.meta.glob<Messages>("../features/*/messages.*.json", {
  eager: true,
  import: "default",
});

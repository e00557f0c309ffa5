/** The text with its first letter in upper case: "no answer" → "No answer". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Keyboard shortcuts of the editor; the help overlay lists this table.

export interface Shortcut {
  keys: string;
  what: string;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: "Ctrl Z", what: "Undo" },
  { keys: "Ctrl Shift Z / Ctrl Y", what: "Redo" },
  { keys: "Ctrl C / Ctrl V", what: "Copy / paste the selection" },
  { keys: "Ctrl D", what: "Duplicate the selection" },
  { keys: "Delete / Backspace", what: "Delete the selection" },
  { keys: "Ctrl A", what: "Select everything" },
  { keys: "F2 / double-click", what: "Rename the selected element in place" },
  { keys: "Shift drag", what: "Select with a box" },
  { keys: "Ctrl click", what: "Add to the selection" },
  { keys: "Ctrl L", what: "Auto-layout (steps stay in their lanes)" },
  { keys: "F", what: "Fit the map to the window" },
  { keys: "+ / −", what: "Zoom in / out" },
  { keys: "Escape", what: "Clear the selection, close dialogs" },
  { keys: "?", what: "Show this help" },
];

/** Whether a key event is aimed at a text field, where shortcuts must not fire. */
export function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t) return false;
  return t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName);
}

// The keyboard shortcuts, as the sheet lists them (ShortcutsSheet.svelte).
// Where each is handled: the grid's in App.svelte (thumbKey), the large
// view's in LargeView.svelte, the page's in App.svelte and incoming.ts.

export interface Shortcut {
  keys: readonly string[];
  what: string;
}

export interface ShortcutGroup {
  where: string;
  shortcuts: readonly Shortcut[];
}

export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    where: 'Thumbnails',
    shortcuts: [
      { keys: ['←', '→', '↑', '↓'], what: 'Move between thumbnails, across videos' },
      { keys: ['Space'], what: 'Pick or unpick' },
      { keys: ['Enter'], what: 'Open the large view' },
      { keys: ['S'], what: 'Pick the video’s suggested thumbnail' },
      { keys: ['Z'], what: 'More like this: thumbnails between its neighbours' },
    ],
  },
  {
    where: 'Large view',
    shortcuts: [
      { keys: ['←', '→'], what: 'Previous or next frame (or swipe on a touch screen)' },
      { keys: ['Shift', '←', '→'], what: 'Back or forward one second' },
      { keys: ['Home', 'End'], what: 'First or last frame of the span' },
      { keys: ['Space'], what: 'Pick or unpick its thumbnail' },
      { keys: ['Enter'], what: 'In “Go to”: show that time or frame (#N)' },
      { keys: ['Esc'], what: 'Close' },
    ],
  },
  {
    where: 'Anywhere',
    shortcuts: [
      { keys: ['Ctrl', 'V'], what: 'Paste a video or image file (⌘ V on a Mac)' },
      { keys: ['?'], what: 'These shortcuts' },
    ],
  },
];

/** Whether a key press belongs to a field (typing a `?` into the search is not asking for help). */
export function typingInto(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

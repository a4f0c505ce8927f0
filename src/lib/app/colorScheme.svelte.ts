// The colour scheme: the system's (prefers-color-scheme) unless the person
// chose one. The choice is this browser's, kept in localStorage and never in
// the URL hash: a link sent to a colleague carries a view, not a taste.
import { schemeInForce, storedChoice, type SchemeChoice } from './scheme';

const KEY = 'framepick:color-scheme';

export class ColorScheme {
  choice = $state<SchemeChoice>('auto');
  private systemDark = $state(false);
  /** The scheme the page is drawn in. */
  readonly inForce = $derived(schemeInForce(this.choice, this.systemDark));

  constructor() {
    const query = matchMedia('(prefers-color-scheme: dark)');
    this.systemDark = query.matches;
    query.addEventListener('change', (event) => (this.systemDark = event.matches));
    this.choice = storedChoice(readStored());
  }

  set(choice: SchemeChoice): void {
    this.choice = choice;
    try {
      if (choice === 'auto') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      // Storage blocked: the choice holds for this page only.
    }
  }

  /** Puts the scheme in force on the document (see app.css) and in the browser's own chrome (theme-color). */
  apply(): void {
    const root = document.documentElement;
    root.dataset.colorScheme = this.inForce;
    // The root's resolved background (its --bg is a light-dark() until used).
    const background = getComputedStyle(root).backgroundColor;
    for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) meta.content = background;
  }
}

function readStored(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

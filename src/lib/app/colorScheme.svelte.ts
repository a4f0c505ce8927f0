// The colour scheme: the system's (prefers-color-scheme) unless the person
// chose one. The choice is this browser's, kept in localStorage and never in
// the URL hash: a link sent to a colleague carries a view, not a taste.
import { MediaQuery } from 'svelte/reactivity';
import { readLocalSetting, writeLocalSetting } from './localSetting';
import { schemeInForce, storedChoice, type SchemeChoice } from './scheme';

const KEY = 'framepick:color-scheme';

export class ColorScheme {
  choice = $state<SchemeChoice>(storedChoice(readLocalSetting(KEY)));
  private readonly systemDark = new MediaQuery('(prefers-color-scheme: dark)');
  /** The scheme the page is drawn in. */
  readonly inForce = $derived(schemeInForce(this.choice, this.systemDark.current));

  set(choice: SchemeChoice): void {
    this.choice = choice;
    writeLocalSetting(KEY, choice === 'auto' ? null : choice);
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

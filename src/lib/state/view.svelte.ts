// The view (settings and filters) and its URL. The hash is read at load
// and on back/forward, and rewritten to its canonical form; typing in the
// search box replaces the history entry (debounced), while discrete
// changes push one, so back and forward step through views.
import { parseHash, serializeHash } from '../hash/hash';
import type { Filters, View } from '../hash/view';
import type { Settings } from '../settings';

/** Typing pauses this long before the address bar follows. */
const SEARCH_DEBOUNCE_MS = 300;

export class ViewState {
  settings: Settings;
  filters: Filters;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly defaults: View) {
    const view = parseHash(location.hash, defaults);
    this.settings = $state({ ...view.settings });
    this.filters = $state({ ...view.filters });
    this.write('replace');
    const follow = () => this.followUrl();
    addEventListener('popstate', follow);
    addEventListener('hashchange', follow);
  }

  /** Records a discrete change (a setting, the range, picked-only) as a new history entry. */
  commit(): void {
    clearTimeout(this.searchTimer);
    this.write('push');
  }

  /** Records typing in the search box, once the typing pauses. */
  commitSearch(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.write('replace'), SEARCH_DEBOUNCE_MS);
  }

  snapshot(): View {
    return { settings: $state.snapshot(this.settings), filters: $state.snapshot(this.filters) };
  }

  /** Back, forward, or an edited address bar: show what the URL describes. */
  private followUrl(): void {
    clearTimeout(this.searchTimer);
    const view = parseHash(location.hash, this.defaults);
    Object.assign(this.settings, view.settings);
    Object.assign(this.filters, view.filters);
    this.write('replace');
  }

  private write(how: 'push' | 'replace'): void {
    const url = new URL(`${location.pathname}${location.search}${serializeHash(this.snapshot(), this.defaults)}`, location.href).href;
    if (url === location.href) return;
    if (how === 'push') history.pushState(history.state, '', url);
    else history.replaceState(history.state, '', url);
  }
}

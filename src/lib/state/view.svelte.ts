// The view (settings, filters, focus) and its URL. The hash is read at load
// and on back/forward, and rewritten to its canonical form; typing in the
// search box replaces the history entry (debounced), while discrete
// changes push one, so back and forward step through views.
import { parseHash, serializeHash } from '../hash/hash';
import { NO_FOCUS, type Filters, type Focus, type View } from '../hash/view';
import type { Settings } from '../settings';

/** Typing pauses this long before the address bar follows. */
const SEARCH_DEBOUNCE_MS = 300;

export class ViewState {
  settings: Settings;
  filters: Filters;
  focus: Focus;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly defaults: View) {
    const view = parseHash(location.hash, defaults);
    this.settings = $state({ ...view.settings });
    this.filters = $state({ ...view.filters });
    this.focus = $state.raw(view.focus);
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

  /**
   * Focuses, zooms or opens a frame. `push`: a step Back undoes (a focus, a
   * zoom, an opened frame); `replace`: the same step, refined (the frame
   * shown in the large view moved).
   */
  setFocus(focus: Focus, how: 'push' | 'replace'): void {
    clearTimeout(this.searchTimer);
    this.focus = focus.video === null ? NO_FOCUS : focus;
    this.write(how);
  }

  snapshot(): View {
    return { settings: $state.snapshot(this.settings), filters: $state.snapshot(this.filters), focus: this.focus };
  }

  /** Back, forward, or an edited address bar: show what the URL describes. */
  private followUrl(): void {
    clearTimeout(this.searchTimer);
    const view = parseHash(location.hash, this.defaults);
    Object.assign(this.settings, view.settings);
    Object.assign(this.filters, view.filters);
    this.focus = view.focus;
    this.write('replace');
  }

  private write(how: 'push' | 'replace'): void {
    const url = new URL(`${location.pathname}${location.search}${serializeHash(this.snapshot(), this.defaults)}`, location.href).href;
    if (url === location.href) return;
    if (how === 'push') history.pushState(history.state, '', url);
    else history.replaceState(history.state, '', url);
  }
}

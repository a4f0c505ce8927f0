// Keeps the keyboard focus on the page when what held it goes away: a
// thumbnail replaced by a new run, a Cancel button that becomes "Extract
// again", a card forgotten, a thumbnail hidden by a filter. Without this the
// focus falls to <body> and a keyboard or screen-reader user starts again
// from the top. The replacement is, in order: the element that took its
// place (same data-focus-key or test id, same thumbnail index, same card),
// the card's Tab stop among its thumbnails, the card itself, the card next
// to it, then `fallback`.
//
// One MutationObserver on `root`; each callback is O(1) unless the focus
// was actually lost, so thumbnails arriving by the thousand cost nothing.

interface Held {
  element: HTMLElement;
  key: string | null;
  index: string | null;
  card: HTMLElement | null;
  cardId: string | null;
  near: (Element | null)[];
}

const CARD = '[data-testid="video"]';

export function keepFocus(root: HTMLElement, fallback: () => HTMLElement | null): () => void {
  let held: Held | null = null;

  const focusin = (event: FocusEvent) => {
    const element = event.target;
    if (!(element instanceof HTMLElement) || !root.contains(element)) return;
    const card = element.closest<HTMLElement>(CARD);
    held = {
      element,
      key: element.dataset.focusKey ?? element.dataset.testid ?? null,
      index: element.closest<HTMLElement>('[data-testid="thumb"]')?.dataset.index ?? null,
      card,
      cardId: card?.dataset.id ?? null,
      near: card ? [card.nextElementSibling, card.previousElementSibling] : [],
    };
  };

  const check = (records: MutationRecord[]) => {
    if (!held) return;
    const active = document.activeElement;
    if (active === held.element) {
      // Still focused, but maybe hidden or disabled (the browser blurs it at the next rendering).
      if (!records.some((record) => record.type === 'attributes') || shown(held.element)) return;
    } else if (active && active !== document.body) {
      return;
    } else if (shown(held.element)) {
      return;
    }
    const lost = held;
    held = null;
    replacement(root, lost, fallback)?.focus();
  };

  document.addEventListener('focusin', focusin);
  const observer = new MutationObserver(check);
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden', 'disabled'] });
  return () => {
    document.removeEventListener('focusin', focusin);
    observer.disconnect();
  };
}

function shown(element: HTMLElement): boolean {
  return element.isConnected && element.checkVisibility() && !(element as HTMLButtonElement).disabled;
}

function first(candidates: Iterable<HTMLElement>): HTMLElement | null {
  for (const candidate of candidates) if (shown(candidate)) return candidate;
  return null;
}

function replacement(root: HTMLElement, lost: Held, fallback: () => HTMLElement | null): HTMLElement | null {
  const card = lost.card?.isConnected ? lost.card : lost.cardId ? root.querySelector<HTMLElement>(`${CARD}[data-id="${CSS.escape(lost.cardId)}"]`) : null;
  if (card && shown(card)) {
    const thumb = lost.index === null ? '' : `[data-testid="thumb"][data-index="${lost.index}"]`;
    const key = lost.key === null ? null : `[data-focus-key="${CSS.escape(lost.key)}"], [data-testid="${CSS.escape(lost.key)}"]`;
    const same = key ? [...card.querySelectorAll<HTMLElement>(thumb ? `${thumb}:is(${key}), ${thumb} :is(${key})` : key)] : [];
    const thumbs = lost.index === null ? [] : [...card.querySelectorAll<HTMLElement>('[data-testid="thumb"][tabindex="0"]'), ...card.querySelectorAll<HTMLElement>('[data-testid="thumb"]')];
    return first([...same, ...thumbs, card]);
  }
  const near = lost.near.filter((element): element is HTMLElement => element instanceof HTMLElement && element.matches(CARD));
  return first(near) ?? fallback();
}

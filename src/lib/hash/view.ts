// What the URL hash describes: the settings, the filters and the focus of a view.
import { SETTING_KEYS, type Settings } from '../settings';
import type { Span } from '../../shared/types';

export interface Filters {
  /** Matched against video names, case- and accent-insensitively. */
  search: string;
  /** Seconds; a thumbnail is shown when from <= its requested time <= to. */
  from: number | null;
  to: number | null;
  /** Show picked thumbnails only. */
  picked: boolean;
}

/** One video shown alone, maybe zoomed into a part of it, maybe with a frame open. */
export interface Focus {
  /** A video's id; null shows every video (and then span and at are null too). */
  video: string | null;
  /** The part of it the thumbnails cover; null for all of it. */
  span: Span | null;
  /** The large view is open on the frame a player shows at this time (seconds). */
  at: number | null;
}

export interface View {
  settings: Settings;
  filters: Filters;
  focus: Focus;
}

/** The hash keys, in the contract's (canonical) order: the settings', the filters', then the focus'. */
export const HASH_KEYS = [...SETTING_KEYS, 'search', 'from', 'to', 'picked', 'video', 'span', 'at'] as const;

export const NO_FILTERS: Filters = { search: '', from: null, to: null, picked: false };
export const NO_FOCUS: Focus = { video: null, span: null, at: null };

// What the URL hash describes: the settings and the filters of a view.
import { SETTING_KEYS, type Settings } from '../settings';

export interface Filters {
  /** Matched against video names, case- and accent-insensitively. */
  search: string;
  /** Seconds; a thumbnail is shown when from <= its requested time <= to. */
  from: number | null;
  to: number | null;
  /** Show picked thumbnails only. */
  picked: boolean;
}

export interface View {
  settings: Settings;
  filters: Filters;
}

/** The hash keys, in the contract's (canonical) order: the settings', then the filters'. */
export const HASH_KEYS = [...SETTING_KEYS, 'search', 'from', 'to', 'picked'] as const;

export const NO_FILTERS: Filters = { search: '', from: null, to: null, picked: false };

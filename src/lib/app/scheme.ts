// The colour scheme's rules, pure (see colorScheme.svelte.ts).

export const SCHEME_CHOICES = ['auto', 'light', 'dark'] as const;
export type SchemeChoice = (typeof SCHEME_CHOICES)[number];
export type Scheme = 'light' | 'dark';

/** What a stored value means: anything but a known choice is `auto`. */
export function storedChoice(value: string | null): SchemeChoice {
  return SCHEME_CHOICES.find((choice) => choice === value) ?? 'auto';
}

export function schemeInForce(choice: SchemeChoice, systemDark: boolean): Scheme {
  if (choice === 'auto') return systemDark ? 'dark' : 'light';
  return choice;
}

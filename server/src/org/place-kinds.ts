/** What kind of place a sticker hangs in: what the administrator may choose from. */
export const PLACE_KINDS = ['dormitory', 'canteen', 'bathhouse', 'office', 'team', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

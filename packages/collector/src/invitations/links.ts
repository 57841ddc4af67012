/** The URLs of one invitation, all under the collector's public base URL. */
export interface InvitationLinks {
  /** The hosted survey page on the full scale. */
  page: string;
  /** One-tap score links, index = score 0–10: the page with that score picked. */
  scores: string[];
  /** The open pixel (a 1×1 GIF): loading it marks the e-mail opened. */
  pixel: string;
  /** The hidden link only a link scanner follows (see "prefetch safety" in the README). */
  trap: string;
}

/** Trims a trailing slash, so `https://nps.example/` and `https://nps.example` give the same links. */
export const baseUrlOf = (url: string): string => url.replace(/\/+$/, '');

/** The hosted page's path for a token. */
export const pagePath = (token: string): string => `/s/${token}`;

/**
 * Builds an invitation's links. The token is base64url and needs no escaping in a URL.
 *
 * @example invitationLinks('https://nps.shop.example', token).scores[9] // …/s/<token>?score=9
 */
export function invitationLinks(baseUrl: string, token: string): InvitationLinks {
  const page = `${baseUrlOf(baseUrl)}${pagePath(token)}`;
  return {
    page,
    scores: Array.from({ length: 11 }, (_, score) => `${page}?score=${score}`),
    pixel: `${page}/o.gif`,
    trap: `${page}/t`,
  };
}

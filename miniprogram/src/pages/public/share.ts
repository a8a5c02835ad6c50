// What a 公示 shared in WeChat says: the mine and the month in the title, and both in the link, so a
// friend (or a 朋友圈 reader) opens the same mine's same month, not the build's default mine or its latest.
// https://developers.weixin.qq.com/miniprogram/dev/reference/api/Page.html#onShareAppMessage-Object-object
// https://developers.weixin.qq.com/miniprogram/dev/reference/api/Page.html#onShareTimeline

export const PUBLIC_PAGE = '/pages/public/index';

/**
 * The chat card's picture: a file of the code package (imageUrl takes a local, package or network path, PNG or JPG,
 * shown at 5:4; without one WeChat takes a screenshot of the page's top, here the figures half drawn). Rendered from
 * report.svg by miniprogram/scripts/share-image.mjs and copied into the weapp build by config/index.ts. 朋友圈 shows
 * a square, so its share keeps the mini-program's logo.
 */
export const SHARE_IMAGE = '/assets/share/report.png';

export interface ReportShare {
  /** onShareAppMessage: the card's title, the page it opens (a path with its query) and its picture. */
  message: { title: string; path: string; imageUrl: string };
  /** onShareTimeline: the title and the query the same page is opened with (朋友圈 takes no path). */
  timeline: { title: string; query: string };
}

const monthTitle = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

/** The share of the mine's report for `month`; without a published month, of the mine's 公示 page. */
export function reportShare(org: { code: string; name: string }, month: string | null): ReportShare {
  const title = month ? `${org.name}${monthTitle(month)}职工诉求公示` : `${org.name}职工诉求公示`;
  const query = `org=${encodeURIComponent(org.code)}${month ? `&month=${month}` : ''}`;
  return { message: { title, path: `${PUBLIC_PAGE}?${query}`, imageUrl: SHARE_IMAGE }, timeline: { title, query } };
}

/** A month a link may carry (the share's), or nothing. */
export function monthFromLink(linked: string | undefined): string | null {
  return linked && /^\d{4}-(0[1-9]|1[0-2])$/.test(linked) ? linked : null;
}

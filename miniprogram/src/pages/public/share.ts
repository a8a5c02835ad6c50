// What a 公示 shared in WeChat says: the mine and the month in the title, and both in the link, so a
// friend (or a 朋友圈 reader) opens the same mine's same month, not the build's default mine or its latest.
// https://developers.weixin.qq.com/miniprogram/dev/reference/api/Page.html#onShareAppMessage-Object-object
// https://developers.weixin.qq.com/miniprogram/dev/reference/api/Page.html#onShareTimeline

export const PUBLIC_PAGE = '/pages/public/index';

export interface ReportShare {
  /** onShareAppMessage: the card's title and the page it opens (a path with its query). */
  message: { title: string; path: string };
  /** onShareTimeline: the title and the query the same page is opened with (朋友圈 takes no path). */
  timeline: { title: string; query: string };
}

const monthTitle = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

/** The share of the mine's report for `month`; without a published month, of the mine's 公示 page. */
export function reportShare(org: { code: string; name: string }, month: string | null): ReportShare {
  const title = month ? `${org.name}${monthTitle(month)}职工诉求公示` : `${org.name}职工诉求公示`;
  const query = `org=${encodeURIComponent(org.code)}${month ? `&month=${month}` : ''}`;
  return { message: { title, path: `${PUBLIC_PAGE}?${query}` }, timeline: { title, query } };
}

/** A month a link may carry (the share's), or nothing. */
export function monthFromLink(linked: string | undefined): string | null {
  return linked && /^\d{4}-(0[1-9]|1[0-2])$/.test(linked) ? linked : null;
}

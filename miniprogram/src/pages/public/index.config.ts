// Shareable to a chat and to 朋友圈: WeChat offers either only to a page that declares it (Taro adds the
// page's onShareAppMessage / onShareTimeline for these flags; the hooks in index.tsx give their content).
export default definePageConfig({ navigationBarTitleText: '诉求公示', enablePullDownRefresh: true, enableShareAppMessage: true, enableShareTimeline: true });

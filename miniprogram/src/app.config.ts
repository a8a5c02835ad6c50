export default defineAppConfig({
  // The demo login (a list of demo users) is the H5 build's only: in WeChat, wx.login signs the person in.
  pages: [
    'pages/submit/index',
    'pages/mine/index',
    'pages/detail/index',
    'pages/public/index',
    'pages/profile/index',
    'pages/help/index',
    ...(process.env.TARO_ENV === 'h5' ? ['pages/login/index'] : []),
  ],
  // Staff pages live in a subpackage: workers never download them, and the main package stays small.
  subPackages: [{ root: 'admin', pages: ['inbox/index', 'appeal/index', 'outbox/index', 'report/index', 'setup/index', 'group/index', 'board/index'] }],
  window: {
    navigationBarBackgroundColor: '#0d47a1',
    navigationBarTitleText: '民情一码通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#eef3fb',
  },
  // WeChat indexes every page of a mini-program without a sitemap.json, its crawler (user agent mpcrawler, scene
  // 1129) opening them (https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/sitemap.html).
  // Only the 公示 page is public matter; the form (a place, a draft), a worker's appeals and the staff's pages
  // are not for search results (src/sitemap.json, copied into the build by config/index.ts).
  sitemapLocation: 'sitemap.json',
  // Privacy checks are on for every mini-program since 2023-10-17 whatever this says; declared so the
  // DevTools and older clients check the same way (https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html).
  __usePrivacyCheck__: true,
  tabBar: {
    color: '#4a5568',
    selectedColor: '#0d47a1',
    backgroundColor: '#ffffff',
    list: [
      { pagePath: 'pages/submit/index', text: '提交诉求', iconPath: 'assets/tab/submit.png', selectedIconPath: 'assets/tab/submit-active.png' },
      { pagePath: 'pages/mine/index', text: '我的诉求', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
      { pagePath: 'pages/public/index', text: '公示', iconPath: 'assets/tab/public.png', selectedIconPath: 'assets/tab/public-active.png' },
      { pagePath: 'pages/profile/index', text: '我的', iconPath: 'assets/tab/profile.png', selectedIconPath: 'assets/tab/profile-active.png' },
    ],
  },
});

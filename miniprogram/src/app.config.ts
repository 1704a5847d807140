export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/activities/index',
    'pages/checkin/index',
    'pages/me/index',
    'pages/activity/index',
    'pages/ticket/index',
    'pages/tickets/index',
    'pages/referral/index',
    'pages/articles/index',
    'pages/article/index',
    'pages/products/index',
    'pages/product/index',
    'pages/proposal/index',
    'pages/assessment/index',
    'pages/points/index',
    'pages/policies/index',
  ],
  window: {
    navigationBarBackgroundColor: '#1f5fd1',
    navigationBarTitleText: '北辰保险',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6fa',
    backgroundTextStyle: 'light',
  },
  tabBar: {
    color: '#8a94a6',
    selectedColor: '#1f5fd1',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-on.png' },
      { pagePath: 'pages/activities/index', text: '活动', iconPath: 'assets/tabbar/activity.png', selectedIconPath: 'assets/tabbar/activity-on.png' },
      { pagePath: 'pages/checkin/index', text: '签到', iconPath: 'assets/tabbar/checkin.png', selectedIconPath: 'assets/tabbar/checkin-on.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-on.png' },
    ],
  },
  // The add-on-WeCom button (a contact way of scene 1) is WeCom's 「联系我」 plugin, which needs a
  // real app id that added the plugin in its console: the build declares it only when asked
  // (LODESTAR_WECOM_PLUGIN=1), so the tourist app id still opens in WeChat DevTools.
  ...(process.env.LODESTAR_WECOM_PLUGIN === '1' && process.env.TARO_ENV === 'weapp'
    ? { plugins: { contactPlugin: { version: '1.4.3', provider: 'wx104a1a20c3f81ec2' } } }
    : {}),
});

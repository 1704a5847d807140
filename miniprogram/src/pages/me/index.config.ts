export default definePageConfig({
  navigationBarTitleText: '我的',
  // WeCom's 「联系我」 plugin component, only when the build declares the plugin (see app.config.ts).
  ...(process.env.LODESTAR_WECOM_PLUGIN === '1' && process.env.TARO_ENV === 'weapp' ? { usingComponents: { cell: 'plugin://contactPlugin/cell' } } : {}),
});

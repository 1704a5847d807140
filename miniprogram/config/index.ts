import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * One Taro config for both targets. Each target builds into its own folder (dist/weapp, dist/h5):
 * WeChat DevTools opens dist/weapp through the repository's project.config.json, and the server
 * serves dist/h5 at /mp/ (relative publicPath, hash router, so any static server works too).
 *
 * Build-time settings (environment variables):
 *   LODESTAR_API_BASE     weapp: the server's origin (default http://127.0.0.1:3000); h5: '' = same origin
 *   LODESTAR_DATA_SOURCE  'server' (default) or 'demo' (in-memory data, for offline design work)
 *   LODESTAR_SA_PROJECT   the Sensors project the tracking reporter names (default 'default')
 *   LODESTAR_WECOM_PLUGIN '1': declare WeCom's 「联系我」 plugin (weapp; needs a real app id that added it)
 */
export default defineConfig<'webpack5'>(async () => {
  const target = process.env.TARO_ENV ?? 'weapp';
  const apiBase = target === 'h5' ? (process.env.LODESTAR_API_BASE ?? '') : (process.env.LODESTAR_API_BASE ?? 'http://127.0.0.1:3000');
  const dataSource = process.env.LODESTAR_DATA_SOURCE === 'demo' ? 'demo' : 'server';
  // npm may nest a Taro package in this workspace's node_modules (a peer range clashes with the
  // sidebar's Vite at the root); Taro's own packages at the root must still find it.
  const ownModules = path.resolve(__dirname, '..', 'node_modules');
  interface Chainable {
    add(p: string): Chainable;
  }
  const webpackChain = (chain: { resolve: { modules: Chainable } }) => {
    chain.resolve.modules.add('node_modules').add(ownModules);
  };
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'lodestar-miniprogram',
    date: '2025-11-24',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${target}`,
    plugins: [],
    defineConstants: {
      LODESTAR_API_BASE: JSON.stringify(apiBase.replace(/\/$/, '')),
      LODESTAR_DATA_SOURCE: JSON.stringify(dataSource),
      LODESTAR_SA_PROJECT: JSON.stringify(process.env.LODESTAR_SA_PROJECT ?? 'default'),
      LODESTAR_VERSION: JSON.stringify('0.1.0'),
      LODESTAR_WECOM_PLUGIN: JSON.stringify(target === 'weapp' && process.env.LODESTAR_WECOM_PLUGIN === '1'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      optimizeMainPackage: { enable: true },
      webpackChain,
    },
    h5: {
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      webpackChain,
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash:8].css', chunkFilename: 'css/[name].[chunkhash:8].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return config;
});

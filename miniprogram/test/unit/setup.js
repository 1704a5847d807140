// The build-time constants of config/index.ts, as an H5 build against the same origin would have them.
process.env.TARO_ENV = 'h5';
Object.assign(globalThis, {
  LODESTAR_API_BASE: '',
  LODESTAR_DATA_SOURCE: 'server',
  LODESTAR_SA_PROJECT: 'default',
  LODESTAR_VERSION: '0.1.0-test',
  LODESTAR_WECOM_PLUGIN: false,
});

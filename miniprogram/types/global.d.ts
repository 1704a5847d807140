/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

/** Build-time constants (config/index.ts defineConstants). */
declare const LODESTAR_API_BASE: string;
declare const LODESTAR_DATA_SOURCE: 'server' | 'demo';
declare const LODESTAR_SA_PROJECT: string;
declare const LODESTAR_VERSION: string;
declare const LODESTAR_WECOM_PLUGIN: boolean;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV?: 'development' | 'production' | 'test';
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony';
  }
}

/** WeCom's 「联系我」 plugin button (weapp, LODESTAR_WECOM_PLUGIN=1): plugid is a contact way's config_id. */
declare namespace JSX {
  interface IntrinsicElements {
    cell: { plugid: string; onStartmessage?: (e: unknown) => void; onCompletemessage?: (e: unknown) => void };
  }
}

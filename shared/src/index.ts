export * from './errors';
export * from './roles';
export * from './auth';
export * from './tags';
export * from './customers';
export * from './sandbox';
export * from './channel-codes';
export * from './wecom';

export * from './chat-archive.port';
export * from './archive-error.meaning';
export * from './archive-retry';
export * from './archive-key-ring';
export * from './archived-message.mapping';
export { NativeChatArchive, parseChatDataResponse, type NativeChatArchiveOptions, type NativeChatArchiveDeps } from './native-archive.adapter';

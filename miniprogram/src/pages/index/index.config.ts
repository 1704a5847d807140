export default definePageConfig({ navigationBarTitleText: '北辰保险', enableShareAppMessage: true });

export default definePageConfig({ navigationBarTitleText: '保险产品' });

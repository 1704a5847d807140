export default definePageConfig({ navigationBarTitleText: '电子门票' });

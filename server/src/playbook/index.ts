export { ContentArticle } from './content-article.entity';
export { TalkScript } from './talk-script.entity';

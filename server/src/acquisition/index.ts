export { ChannelCode } from './channel-code.entity';
export { ChannelCodeRepository } from './channel-code.repository';
export { ChannelCodeService } from './channel-code.service';
export { channelCodeRoutes } from './channel-code.router';
export { nextAgent } from './agent-pool';

import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type SubscriptionCreditsView, subscriptionCreditsView, subscriptionResultsBody } from '@minqing/shared';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { SubscriptionsService } from './subscriptions.service.js';
import { ApiContract } from '../common/openapi.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/me/subscriptions')
export class SubscriptionsController {
  constructor(@Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the results of wx.requestSubscribeMessage as credits' })
  @ApiContract({
    body: subscriptionResultsBody,
    example: { results: { errMsg: 'requestSubscribeMessage:ok', 'tmpl-appeal-replied': 'accept' } },
    response: subscriptionCreditsView,
  })
  record(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<SubscriptionCreditsView> {
    return this.subscriptions.record(auth.user.id, body);
  }

  @Get()
  @ApiOperation({ summary: 'My remaining subscription credits per template' })
  @ApiContract({ response: subscriptionCreditsView })
  async list(@CurrentUser() auth: AuthUser): Promise<SubscriptionCreditsView> {
    return this.subscriptions.list(auth.user.id);
  }
}

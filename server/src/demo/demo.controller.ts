import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { demoUserList, type DemoUserView } from '@minqing/shared';
import { Public } from '../common/access.decorators.js';
import { demoLogins } from './demo-data.js';
import { ApiContract } from '../common/openapi.js';

/** The H5 build has no wx.login: its login page lists these and logs in with `test:<openid>`. */
@ApiTags('demo')
@Controller('api/demo')
export class DemoController {
  @Public()
  @Get('users')
  @ApiOperation({ summary: 'Demo logins (simulator mode only)' })
  @ApiContract({ response: demoUserList })
  users(): DemoUserView[] {
    return demoLogins();
  }
}

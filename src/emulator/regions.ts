/**
 * DescribeRegions: the regions where TAT's back end runs, as the official action lists them
 * (`{TotalCount, RegionSet: [{Region, RegionName, RegionState}]}`). `tat --all-regions` asks it
 * which regions to query, so the emulator must serve it like any other action.
 */
import { TAT_REGIONS } from './constants.js';
import { checkKeys, type Body } from './params.js';

/** The names Tencent Cloud's consoles show; a region missing here still gets its code as name. */
const REGION_NAMES: Readonly<Record<string, string>> = {
  'ap-guangzhou': '华南地区(广州)',
  'ap-shanghai': '华东地区(上海)',
  'ap-beijing': '华北地区(北京)',
  'ap-chengdu': '西南地区(成都)',
  'ap-chongqing': '西南地区(重庆)',
  'ap-nanjing': '华东地区(南京)',
  'ap-hongkong': '港澳台地区(中国香港)',
  'ap-singapore': '亚太东南(新加坡)',
  'ap-bangkok': '亚太东南(曼谷)',
  'ap-jakarta': '亚太东南(雅加达)',
  'ap-seoul': '亚太东北(首尔)',
  'ap-tokyo': '亚太东北(东京)',
  'ap-mumbai': '亚太南部(孟买)',
  'ap-shanghai-fsi': '华东地区(上海金融)',
  'ap-shenzhen-fsi': '华南地区(深圳金融)',
  'na-siliconvalley': '美国西部(硅谷)',
  'na-ashburn': '美国东部(弗吉尼亚)',
  'eu-frankfurt': '欧洲地区(法兰克福)',
  'sa-saopaulo': '南美地区(圣保罗)',
};

export function describeRegions(body: Body): Record<string, unknown> {
  checkKeys(body, []);
  const RegionSet = TAT_REGIONS.map((Region) => ({
    Region,
    RegionName: REGION_NAMES[Region] ?? Region,
    RegionState: 'AVAILABLE',
  }));
  return { TotalCount: RegionSet.length, RegionSet };
}

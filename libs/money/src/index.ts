export { fenToYuan, fenToYuanOrNull, fenToYuanSql, MAX_YUAN_DIGITS, parseYuan, yuanToFen, type ParsedYuan, type YuanProblem } from './yuan';

export { fenToYuan, fenToYuanOrNull, MAX_YUAN_DIGITS, parseYuan, yuanToFen, type ParsedYuan, type YuanProblem } from './yuan';

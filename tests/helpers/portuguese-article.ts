// A Portuguese news article written for the tag tests (unit and E2E): recurring subjects
// ("transporte escolar", "prefeitura"), a name said twice, verbs and function words that are no tags.
export const PT_TITLE = 'Prefeitura amplia o transporte escolar gratuito';
export const PT_PARAGRAPHS = [
  'A prefeitura anunciou nesta segunda-feira que o transporte escolar gratuito vai chegar a mais doze bairros da cidade, atendendo famílias que hoje pagam vans particulares para levar os filhos até as escolas municipais.',
  'Segundo a secretaria de educação, o transporte escolar atende hoje cerca de quatro mil alunos da rede municipal, em trinta linhas que cobrem a zona rural e os bairros mais afastados do centro.',
  'Com a ampliação, a prefeitura espera atender mais mil e quinhentos alunos até o fim do ano. Os novos ônibus terão ar-condicionado, cintos de segurança e monitores treinados para acompanhar as crianças.',
  'Os pais podem fazer a inscrição para o transporte escolar nas próprias escolas ou pelo site da prefeitura, apresentando comprovante de residência e a declaração de matrícula do aluno.',
  'O vereador João Almeida disse que o programa é uma conquista dos moradores, que pediam a ampliação havia anos. João Almeida acompanha o tema desde 2019 e promete fiscalizar a qualidade do serviço.',
  'A secretaria de educação informou que os ônibus serão entregues em março e que as novas linhas do transporte escolar começam a rodar na primeira semana de aulas.',
];

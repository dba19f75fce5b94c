// Synthetic signatures for a European campaign run from Germany and
// Switzerland. Everything random comes from our own xoshiro256** and integer
// arithmetic: std:: distributions and floating point differ between standard
// libraries and CPUs, and the fixture must be byte-identical everywhere.
#include "sample/sample.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::sample {
namespace {

// ---------------------------------------------------------------------------
// Random numbers

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    // splitmix64 spreads small, similar seeds (0, 1, 2...) over the whole
    // state, which xoshiro itself does not.
    for (auto& s : s_) s = splitmix64(seed);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n), n > 0. Multiply-shift on the high 32 bits avoids a
  // division per draw; its bias (below n / 2^32) is invisible here.
  std::uint64_t below(std::uint64_t n) {
    if (n <= 0xFFFFFFFFULL) return ((next() >> 32) * n) >> 32;
    return next() % n;
  }

  bool chance(std::uint32_t per_10000) { return below(10000) < per_10000; }

  template <class T>
  const T& pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(below(items.size()))];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

// ---------------------------------------------------------------------------
// Name and place tables

// A name as written, and its ASCII form for e-mail addresses when that
// cannot be derived by stripping diacritics (non-Latin scripts).
struct Word {
  constexpr Word() = default;
  constexpr Word(const char* t) : text(t) {}  // implicit: keeps the Latin tables terse
  constexpr Word(const char* t, const char* a) : text(t), ascii(a) {}
  std::string_view text;
  std::string_view ascii;
};

// Many European surnames change with gender (Kowalski/Kowalska,
// Novák/Nováková, Иванов/Иванова, Jónsson/Jónsdóttir).
struct Surname {
  constexpr Surname(const char* m) : male(m), female(m) {}
  constexpr Surname(const char* m, const char* f) : male(m), female(f) {}
  constexpr Surname(Word m) : male(m), female(m) {}
  constexpr Surname(Word m, Word f) : male(m), female(f) {}
  Word male;
  Word female;
};

struct City {
  std::string_view name;
  std::string_view country;  // ISO 3166-1 alpha-2
  std::uint32_t weight;
};

struct Cities {
  std::span<const City> items;
  std::uint32_t total = 0;
};

constexpr Cities cities(std::span<const City> items) {
  Cities c{items, 0};
  for (const City& city : items) c.total += city.weight;
  return c;
}

// --- German, Austrian, Swiss -------------------------------------------------

constexpr Word kGermanMale[] = {
    "Jürgen", "Hans",     "Klaus",  "Peter",      "Michael",    "Thomas",      "Andreas",
    "Stefan", "Wolfgang", "Uwe",    "Jörg",       "Günter",     "Dieter",      "Matthias",
    "Tobias", "Lukas",    "Jonas",  "Maximilian", "Felix",      "Florian",     "Sebastian",
    "Niklas", "Jan",      "Björn",  "Sören",      "Till",       "Moritz",      "Benedikt",
    "Ulrich", "Manfred",  "Horst",  "Rüdiger",    "Karl-Heinz", "Hans-Jürgen", "Urs",
    "Reto",   "Beat",     "Johann", "Alois",      "Dominik",    "Joachim",     "Götz",
    "Lutz",   "Frank",    "Leon",   "Paul",       "Elias",      "Noah",        "Ben",
    "Finn"};
constexpr Word kGermanFemale[] = {
    "Anna",    "Maria",     "Ursula", "Monika",  "Petra",     "Sabine",    "Andrea",  "Claudia",
    "Susanne", "Birgit",    "Jutta",  "Gisela",  "Renate",    "Brigitte",  "Käthe",   "Hannelore",
    "Lea",     "Lena",      "Hannah", "Sophie",  "Marie",     "Emilia",    "Mia",     "Leonie",
    "Johanna", "Charlotte", "Clara",  "Greta",   "Franziska", "Katharina", "Dörte",   "Bärbel",
    "Heike",   "Silke",     "Anke",   "Ulrike",  "Regula",    "Verena",    "Barbara", "Anneliese",
    "Gertrud", "Jördis",    "Annika", "Theresa", "Magdalena", "Elke"};
constexpr Surname kGermanFamily[] = {"Müller",
                                     "Schmidt",
                                     "Schneider",
                                     "Fischer",
                                     "Weber",
                                     "Meyer",
                                     "Wagner",
                                     "Becker",
                                     "Schulz",
                                     "Hoffmann",
                                     "Schäfer",
                                     "Koch",
                                     "Bauer",
                                     "Richter",
                                     "Klein",
                                     "Wolf",
                                     "Schröder",
                                     "Neumann",
                                     "Schwarz",
                                     "Zimmermann",
                                     "Braun",
                                     "Krüger",
                                     "Hofmann",
                                     "Hartmann",
                                     "Lange",
                                     "Schmitt",
                                     "Werner",
                                     "Schmitz",
                                     "Krause",
                                     "Meier",
                                     "Lehmann",
                                     "Schmid",
                                     "Schulze",
                                     "Maier",
                                     "Köhler",
                                     "Herrmann",
                                     "König",
                                     "Walter",
                                     "Mayer",
                                     "Huber",
                                     "Kaiser",
                                     "Fuchs",
                                     "Peters",
                                     "Lang",
                                     "Scholz",
                                     "Möller",
                                     "Weiß",
                                     "Jung",
                                     "Hahn",
                                     "Schubert",
                                     "Vogel",
                                     "Friedrich",
                                     "Keller",
                                     "Günther",
                                     "Frank",
                                     "Berger",
                                     "Winkler",
                                     "Roth",
                                     "Beck",
                                     "Lorenz",
                                     "Baumann",
                                     "Franke",
                                     "Albrecht",
                                     "Schuster",
                                     "Böhm",
                                     "Winter",
                                     "Kraus",
                                     "Schumacher",
                                     "Krämer",
                                     "Vogt",
                                     "Stein",
                                     "Jäger",
                                     "Sommer",
                                     "Groß",
                                     "Seidel",
                                     "Brandt",
                                     "Haas",
                                     "Graf",
                                     "Dietrich",
                                     "Ziegler",
                                     "Kühn",
                                     "Pohl",
                                     "Engel",
                                     "Horn",
                                     "Göring",
                                     "Gerber",
                                     "Brunner",
                                     "Bühler",
                                     "Steiner",
                                     "Frei",
                                     "Baumgartner",
                                     "Zürcher",
                                     "Hürlimann",
                                     "Rüegg",
                                     "Tschudi",
                                     "Wüthrich",
                                     "Gruber",
                                     "Pichler",
                                     "Hofer",
                                     "Moser",
                                     "Leitner",
                                     "Wimmer",
                                     "Egger",
                                     "Mayrhofer",
                                     "Strauß",
                                     "Rößler",
                                     "Süß",
                                     "Nüßlein",
                                     "von Bülow",
                                     "von der Heyde",
                                     "von Arnim",
                                     "von Hagen",
                                     "Müller-Lüdenscheidt"};
constexpr std::string_view kGermanTitles[] = {"Dr.",       "Dr.",      "Dr.",
                                              "Prof. Dr.", "Dr. med.", "Dipl.-Ing."};
constexpr City kGermanCityList[] = {{"Berlin", "DE", 60},
                                    {"Hamburg", "DE", 30},
                                    {"München", "DE", 30},
                                    {"Köln", "DE", 20},
                                    {"Frankfurt am Main", "DE", 16},
                                    {"Stuttgart", "DE", 13},
                                    {"Düsseldorf", "DE", 12},
                                    {"Leipzig", "DE", 12},
                                    {"Dortmund", "DE", 10},
                                    {"Essen", "DE", 9},
                                    {"Bremen", "DE", 9},
                                    {"Dresden", "DE", 9},
                                    {"Hannover", "DE", 9},
                                    {"Nürnberg", "DE", 8},
                                    {"Bonn", "DE", 6},
                                    {"Münster", "DE", 6},
                                    {"Freiburg im Breisgau", "DE", 6},
                                    {"Göttingen", "DE", 4},
                                    {"Tübingen", "DE", 4},
                                    {"Würzburg", "DE", 4},
                                    {"Lübeck", "DE", 4},
                                    {"Saarbrücken", "DE", 4},
                                    {"Osnabrück", "DE", 4},
                                    {"Mülheim an der Ruhr", "DE", 3},
                                    {"Halle (Saale)", "DE", 4},
                                    {"Frankfurt (Oder)", "DE", 2},
                                    {"Jena", "DE", 3},
                                    {"Erfurt", "DE", 4},
                                    {"Potsdam", "DE", 4},
                                    {"Rostock", "DE", 4},
                                    {"Greifswald", "DE", 2},
                                    {"Kiel", "DE", 4},
                                    {"Regensburg", "DE", 3},
                                    {"Konstanz", "DE", 2},
                                    {"Lörrach", "DE", 2},
                                    {"Gießen", "DE", 2},
                                    {"Fürth", "DE", 2},
                                    {"Zürich", "CH", 30},
                                    {"Bern", "CH", 13},
                                    {"Basel", "CH", 13},
                                    {"Luzern", "CH", 7},
                                    {"St. Gallen", "CH", 6},
                                    {"Winterthur", "CH", 7},
                                    {"Biel/Bienne", "CH", 4},
                                    {"Thun", "CH", 3},
                                    {"Köniz", "CH", 2},
                                    {"Schaffhausen", "CH", 3},
                                    {"Chur", "CH", 3},
                                    {"Zug", "CH", 3},
                                    {"Aarau", "CH", 2},
                                    {"Frauenfeld", "CH", 2},
                                    {"Wien", "AT", 40},
                                    {"Graz", "AT", 10},
                                    {"Linz", "AT", 7},
                                    {"Salzburg", "AT", 6},
                                    {"Innsbruck", "AT", 5},
                                    {"Klagenfurt am Wörthersee", "AT", 3},
                                    {"Villach", "AT", 2},
                                    {"St. Pölten", "AT", 2},
                                    {"Dornbirn", "AT", 2},
                                    {"Bregenz", "AT", 1},
                                    {"Leoben", "AT", 1}};

// Where people of every other group live when they live in Germany or
// Switzerland.
constexpr City kDiasporaCityList[] = {{"Berlin", "DE", 70},
                                      {"Hamburg", "DE", 30},
                                      {"München", "DE", 28},
                                      {"Köln", "DE", 22},
                                      {"Frankfurt am Main", "DE", 22},
                                      {"Stuttgart", "DE", 15},
                                      {"Düsseldorf", "DE", 14},
                                      {"Leipzig", "DE", 10},
                                      {"Dortmund", "DE", 9},
                                      {"Essen", "DE", 8},
                                      {"Duisburg", "DE", 9},
                                      {"Bremen", "DE", 7},
                                      {"Dresden", "DE", 7},
                                      {"Hannover", "DE", 8},
                                      {"Nürnberg", "DE", 8},
                                      {"Mannheim", "DE", 7},
                                      {"Offenbach am Main", "DE", 5},
                                      {"Bielefeld", "DE", 4},
                                      {"Gelsenkirchen", "DE", 4},
                                      {"Bonn", "DE", 5},
                                      {"Zürich", "CH", 30},
                                      {"Basel", "CH", 12},
                                      {"Bern", "CH", 10},
                                      {"Genève", "CH", 14},
                                      {"Lausanne", "CH", 8},
                                      {"Winterthur", "CH", 5},
                                      {"Luzern", "CH", 4},
                                      {"St. Gallen", "CH", 4},
                                      {"Biel/Bienne", "CH", 3},
                                      {"Lugano", "CH", 3}};

// --- Other European Latin-script groups ----------------------------------------

constexpr Word kFrenchMale[] = {
    "Jean",          "Pierre",   "Michel",   "Philippe",  "Alain",   "Nicolas",     "François",
    "Éric",          "Stéphane", "Laurent",  "Sébastien", "Julien",  "Jérôme",      "Hugo",
    "Théo",          "Mathéo",   "Gaël",     "Loïc",      "Benoît",  "Jean-Pierre", "Jean-Luc",
    "Jean-François", "Hervé",    "Frédéric", "Grégoire",  "Raphaël", "Noël",        "Yannick"};
constexpr Word kFrenchFemale[] = {
    "Marie",       "Nathalie", "Isabelle", "Sylvie",  "Catherine", "Françoise", "Valérie",
    "Sandrine",    "Céline",   "Émilie",   "Chloé",   "Léa",       "Manon",     "Camille",
    "Inès",        "Zoé",      "Hélène",   "Mélanie", "Anaïs",     "Gaëlle",    "Marie-Claire",
    "Anne-Sophie", "Cécile",   "Agnès",    "Noémie",  "Maëlle",    "Océane",    "Bérénice"};
constexpr Surname kFrenchFamily[] = {
    "Martin",   "Bernard",   "Dubois",         "Thomas",    "Robert",  "Richard",   "Petit",
    "Durand",   "Leroy",     "Moreau",         "Simon",     "Laurent", "Lefèvre",   "Michel",
    "Garcia",   "David",     "Bertrand",       "Roux",      "Vincent", "Fournier",  "Morel",
    "Girard",   "André",     "Lefebvre",       "Mercier",   "Dupont",  "Lambert",   "Bonnet",
    "François", "Chevalier", "Gauthier",       "Perrin",    "Faure",   "Rousseau",  "Blanc",
    "Guérin",   "Lacroix",   "Lemaître",       "Benoît",    "Garçon",  "Deschênes", "Bérard",
    "Le Goff",  "Le Bihan",  "de la Fontaine", "d'Aubigné", "Ménard",  "Périer"};
constexpr City kFrenchCityList[] = {
    {"Paris", "FR", 40},      {"Lyon", "FR", 12},      {"Marseille", "FR", 12},
    {"Toulouse", "FR", 9},    {"Strasbourg", "FR", 9}, {"Nantes", "FR", 7},
    {"Montpellier", "FR", 6}, {"Lille", "FR", 7},      {"Besançon", "FR", 3},
    {"Orléans", "FR", 3},     {"Nîmes", "FR", 3},      {"Metz", "FR", 3},
    {"Bruxelles", "BE", 8},   {"Liège", "BE", 4},      {"Namur", "BE", 2},
    {"Genève", "CH", 10},     {"Lausanne", "CH", 7},   {"Neuchâtel", "CH", 3},
    {"Fribourg", "CH", 3},    {"Sion", "CH", 2},       {"Luxembourg", "LU", 4}};

constexpr Word kItalianMale[] = {"Marco",    "Giuseppe",   "Giovanni", "Antonio",   "Francesco",
                                 "Luca",     "Alessandro", "Andrea",   "Matteo",    "Lorenzo",
                                 "Davide",   "Simone",     "Federico", "Riccardo",  "Niccolò",
                                 "Gabriele", "Stefano",    "Paolo",    "Salvatore", "Giosuè",
                                 "Mosè",     "Emanuele",   "Vincenzo", "Pietro",    "Tommaso"};
constexpr Word kItalianFemale[] = {"Giulia",   "Francesca",    "Chiara",    "Sara",     "Martina",
                                   "Federica", "Valentina",    "Alessia",   "Elena",    "Silvia",
                                   "Giorgia",  "Beatrice",     "Aurora",    "Ludovica", "Rosaria",
                                   "Anna",     "Maria Grazia", "Lucia",     "Carla",    "Paola",
                                   "Noemi",    "Ilaria",       "Benedetta", "Caterina", "Letizia"};
constexpr Surname kItalianFamily[] = {
    "Rossi",      "Russo",   "Ferrari",  "Esposito", "Bianchi",    "Romano",   "Colombo",
    "Ricci",      "Marino",  "Greco",    "Bruno",    "Gallo",      "Conti",    "De Luca",
    "Mancini",    "Costa",   "Giordano", "Rizzo",    "Lombardi",   "Moretti",  "Barbieri",
    "Fontana",    "Santoro", "Mariani",  "Rinaldi",  "Caruso",     "Ferrara",  "Galli",
    "Martini",    "Leone",   "Longo",    "Gentile",  "Martinelli", "Vitale",   "D'Angelo",
    "Di Stefano", "Pellè",   "Foà",      "Nicolò",   "Sciortino",  "Cusumano", "Lo Russo"};
constexpr City kItalianCityList[] = {
    {"Roma", "IT", 25},      {"Milano", "IT", 25}, {"Napoli", "IT", 12}, {"Torino", "IT", 12},
    {"Bologna", "IT", 9},    {"Firenze", "IT", 9}, {"Genova", "IT", 6},  {"Palermo", "IT", 7},
    {"Bari", "IT", 5},       {"Verona", "IT", 4},  {"Padova", "IT", 4},  {"Trieste", "IT", 3},
    {"Forlì", "IT", 2},      {"Cantù", "IT", 1},   {"Bolzano", "IT", 3}, {"Lugano", "CH", 6},
    {"Bellinzona", "CH", 2}, {"Locarno", "CH", 2}};

constexpr Word kSpanishMale[] = {
    "José",   "Antonio",  "Manuel",    "Francisco",   "Juan",    "David",  "Javier",
    "Daniel", "Carlos",   "Jesús",     "Alejandro",   "Miguel",  "Rafael", "Pablo",
    "Sergio", "Álvaro",   "Adrián",    "Íñigo",       "Joaquín", "Rubén",  "Óscar",
    "Ángel",  "Fernando", "José Luis", "Juan Carlos", "Jordi",   "Xabier", "Iker"};
constexpr Word kSpanishFemale[] = {
    "María",    "Carmen", "Ana",     "Isabel",     "Laura",  "Lucía",      "Cristina",
    "Marta",    "Sofía",  "Elena",   "Paula",      "Raquel", "Rocío",      "Nuria",
    "Begoña",   "Inés",   "Pilar",   "Montserrat", "Ainhoa", "María José", "María Ángeles",
    "Mercedes", "Alba",   "Beatriz", "Concepción", "Itziar", "Aránzazu",   "Maite"};
constexpr Surname kSpanishFamily[] = {
    "García", "Rodríguez",  "González",   "Fernández",    "López",  "Martínez",  "Sánchez",
    "Pérez",  "Gómez",      "Martín",     "Jiménez",      "Ruiz",   "Hernández", "Díaz",
    "Moreno", "Muñoz",      "Álvarez",    "Romero",       "Alonso", "Gutiérrez", "Navarro",
    "Torres", "Domínguez",  "Vázquez",    "Ramos",        "Gil",    "Ramírez",   "Serrano",
    "Blanco", "Molina",     "Ibáñez",     "Núñez",        "Peña",   "Castaño",   "Ordóñez",
    "Zúñiga", "Echeverría", "Goikoetxea", "de la Fuente", "del Río"};
// The given names of the very long compound names some Spaniards carry.
constexpr Word kSpanishLongFemale[] = {"María de los Ángeles", "María del Pilar",
                                       "María de la Concepción", "María del Carmen",
                                       "María de las Mercedes"};
constexpr Word kSpanishLongMale[] = {"José María", "Francisco Javier", "Juan Bautista",
                                     "José Ignacio", "Luis Alfonso"};
constexpr City kSpanishCityList[] = {{"Madrid", "ES", 30},
                                     {"Barcelona", "ES", 25},
                                     {"València", "ES", 9},
                                     {"Sevilla", "ES", 8},
                                     {"Zaragoza", "ES", 6},
                                     {"Málaga", "ES", 6},
                                     {"Bilbao", "ES", 5},
                                     {"Donostia / San Sebastián", "ES", 3},
                                     {"A Coruña", "ES", 3},
                                     {"Córdoba", "ES", 3},
                                     {"Cádiz", "ES", 2},
                                     {"Palma", "ES", 3},
                                     {"Salamanca", "ES", 2},
                                     {"Logroño", "ES", 2},
                                     {"Las Palmas de Gran Canaria", "ES", 3}};

constexpr Word kPortugueseMale[] = {
    "João",      "José",   "António", "Francisco", "Manuel", "Pedro",    "Tiago",   "Rui",
    "Luís",      "Miguel", "Gonçalo", "Diogo",     "Duarte", "Afonso",   "Rodrigo", "Nuno",
    "Sebastião", "Simão",  "Estêvão", "Fernando",  "Vítor",  "Henrique", "Martim",  "Lourenço"};
constexpr Word kPortugueseFemale[] = {
    "Maria",  "Ana",       "Joana",     "Inês",     "Beatriz", "Mariana",  "Catarina", "Sofia",
    "Leonor", "Margarida", "Conceição", "Fátima",   "Graça",   "Lúcia",    "Filipa",   "Rita",
    "Teresa", "Carolina",  "Matilde",   "Assunção", "Luísa",   "Madalena", "Benedita", "Constança"};
constexpr Surname kPortugueseFamily[] = {
    "Silva",          "Santos",       "Ferreira",     "Pereira",     "Oliveira",   "Costa",
    "Rodrigues",      "Martins",      "Jesus",        "Sousa",       "Fernandes",  "Gonçalves",
    "Gomes",          "Lopes",        "Marques",      "Alves",       "Almeida",    "Ribeiro",
    "Pinto",          "Carvalho",     "Teixeira",     "Moreira",     "Correia",    "Mendes",
    "Nunes",          "Soares",       "Vieira",       "Monteiro",    "Cardoso",    "Magalhães",
    "Guimarães",      "Brandão",      "Falcão",       "Simões",      "Assunção",   "da Silva",
    "dos Santos",     "de Sousa",     "da Costa",     "de Oliveira", "dos Reis",   "de Albuquerque",
    "de Vasconcelos", "da Conceição", "de Magalhães", "da Cunha",    "de Freitas", "dos Anjos"};
constexpr City kPortugueseCityList[] = {
    {"Lisboa", "PT", 30},        {"Porto", "PT", 20},         {"Coimbra", "PT", 6},
    {"Braga", "PT", 6},          {"Setúbal", "PT", 3},        {"Évora", "PT", 3},
    {"Funchal", "PT", 3},        {"Ponta Delgada", "PT", 2},  {"Guimarães", "PT", 3},
    {"Aveiro", "PT", 3},         {"Faro", "PT", 3},           {"São Paulo", "BR", 6},
    {"Rio de Janeiro", "BR", 4}, {"Belo Horizonte", "BR", 2}, {"Luxembourg", "LU", 3}};

constexpr Word kPolishMale[] = {"Piotr",    "Krzysztof", "Andrzej",    "Tomasz",  "Paweł",
                                "Michał",   "Marcin",    "Łukasz",     "Jakub",   "Mateusz",
                                "Grzegorz", "Wojciech",  "Kamil",      "Maciej",  "Bartłomiej",
                                "Jarosław", "Zbigniew",  "Przemysław", "Szymon",  "Rafał",
                                "Błażej",   "Jędrzej",   "Stanisław",  "Zdzisław"};
constexpr Word kPolishFemale[] = {"Anna",     "Katarzyna", "Małgorzata", "Agnieszka",  "Barbara",
                                  "Ewa",      "Magdalena", "Joanna",     "Aleksandra", "Zofia",
                                  "Monika",   "Beata",     "Dorota",     "Jadwiga",    "Grażyna",
                                  "Bożena",   "Wiesława",  "Urszula",    "Halina",     "Marta",
                                  "Małgosia", "Łucja",     "Żaneta",     "Jolanta"};
constexpr Surname kPolishFamily[] = {"Nowak",
                                     {"Kowalski", "Kowalska"},
                                     {"Wiśniewski", "Wiśniewska"},
                                     "Wójcik",
                                     "Kowalczyk",
                                     {"Kamiński", "Kamińska"},
                                     {"Lewandowski", "Lewandowska"},
                                     {"Zieliński", "Zielińska"},
                                     {"Szymański", "Szymańska"},
                                     "Woźniak",
                                     {"Dąbrowski", "Dąbrowska"},
                                     {"Kozłowski", "Kozłowska"},
                                     {"Jankowski", "Jankowska"},
                                     "Mazur",
                                     {"Kwiatkowski", "Kwiatkowska"},
                                     "Krawczyk",
                                     {"Piotrowski", "Piotrowska"},
                                     {"Grabowski", "Grabowska"},
                                     {"Pawłowski", "Pawłowska"},
                                     {"Michalski", "Michalska"},
                                     "Król",
                                     "Wieczorek",
                                     {"Jabłoński", "Jabłońska"},
                                     "Wróbel",
                                     {"Majewski", "Majewska"},
                                     {"Olszewski", "Olszewska"},
                                     "Stępień",
                                     {"Jaworski", "Jaworska"},
                                     {"Malinowski", "Malinowska"},
                                     "Żak",
                                     {"Górski", "Górska"},
                                     "Sikora",
                                     "Błaszczyk",
                                     {"Ćwikliński", "Ćwiklińska"},
                                     {"Przybylski", "Przybylska"},
                                     "Gałązka"};
constexpr City kPolishCityList[] = {
    {"Warszawa", "PL", 30}, {"Kraków", "PL", 15},   {"Łódź", "PL", 10},
    {"Wrocław", "PL", 10},  {"Poznań", "PL", 8},    {"Gdańsk", "PL", 8},
    {"Szczecin", "PL", 5},  {"Bydgoszcz", "PL", 4}, {"Lublin", "PL", 5},
    {"Białystok", "PL", 4}, {"Katowice", "PL", 4},  {"Toruń", "PL", 3},
    {"Rzeszów", "PL", 3},   {"Opole", "PL", 2},     {"Zielona Góra", "PL", 2}};

constexpr Word kCzechMale[] = {"Jan",       "Petr",     "Jiří",     "Josef",  "Pavel",   "Martin",
                               "Tomáš",     "Jaroslav", "Miroslav", "Zdeněk", "Václav",  "Michal",
                               "František", "Jakub",    "Ondřej",   "Lukáš",  "Vojtěch", "Matěj"};
constexpr Word kCzechFemale[] = {"Jana",      "Marie",  "Eva",     "Hana",   "Anna",    "Lenka",
                                 "Kateřina",  "Lucie",  "Věra",    "Alena",  "Petra",   "Veronika",
                                 "Jaroslava", "Tereza", "Markéta", "Zdeňka", "Barbora", "Šárka"};
constexpr Surname kCzechFamily[] = {
    {"Novák", "Nováková"},       {"Svoboda", "Svobodová"},    {"Novotný", "Novotná"},
    {"Dvořák", "Dvořáková"},     {"Černý", "Černá"},          {"Procházka", "Procházková"},
    {"Kučera", "Kučerová"},      {"Veselý", "Veselá"},        {"Horák", "Horáková"},
    {"Němec", "Němcová"},        {"Pokorný", "Pokorná"},      {"Marek", "Marková"},
    {"Pospíšil", "Pospíšilová"}, {"Hájek", "Hájková"},        {"Jelínek", "Jelínková"},
    {"Růžička", "Růžičková"},    {"Beneš", "Benešová"},       {"Fiala", "Fialová"},
    {"Sedláček", "Sedláčková"},  {"Doležal", "Doležalová"},   {"Zeman", "Zemanová"},
    {"Kolář", "Kolářová"},       {"Navrátil", "Navrátilová"}, {"Čermák", "Čermáková"},
    {"Řezníček", "Řezníčková"}};
constexpr City kCzechCityList[] = {{"Praha", "CZ", 30},           {"Brno", "CZ", 12},
                                   {"Ostrava", "CZ", 8},          {"Plzeň", "CZ", 5},
                                   {"Olomouc", "CZ", 4},          {"Liberec", "CZ", 3},
                                   {"České Budějovice", "CZ", 3}, {"Hradec Králové", "CZ", 3},
                                   {"Ústí nad Labem", "CZ", 3},   {"Pardubice", "CZ", 2}};

constexpr Word kLithuanianMale[] = {"Jonas",   "Petras",   "Antanas",    "Tomas",
                                    "Mantas",  "Darius",   "Žygimantas", "Mindaugas",
                                    "Paulius", "Vytautas", "Kęstutis",   "Ąžuolas"};
constexpr Word kLithuanianFemale[] = {"Rūta",     "Eglė",   "Jurgita", "Aušra",
                                      "Gabrielė", "Ieva",   "Austėja", "Dalia",
                                      "Indrė",    "Jūratė", "Giedrė",  "Dovilė"};
constexpr Surname kLithuanianFamily[] = {{"Kazlauskas", "Kazlauskienė"},
                                         {"Jankauskas", "Jankauskienė"},
                                         {"Petrauskas", "Petrauskaitė"},
                                         {"Stankevičius", "Stankevičienė"},
                                         {"Vasiliauskas", "Vasiliauskienė"},
                                         {"Žukauskas", "Žukauskaitė"},
                                         {"Butkus", "Butkutė"},
                                         {"Paulauskas", "Paulauskienė"},
                                         {"Urbonas", "Urbonaitė"},
                                         {"Kavaliauskas", "Kavaliauskienė"},
                                         {"Navickas", "Navickienė"},
                                         {"Ramanauskas", "Ramanauskaitė"},
                                         {"Šimkus", "Šimkutė"},
                                         {"Grigas", "Grigienė"}};
constexpr City kLithuanianCityList[] = {
    {"Vilnius", "LT", 30},  {"Kaunas", "LT", 15},     {"Klaipėda", "LT", 8}, {"Šiauliai", "LT", 5},
    {"Panevėžys", "LT", 4}, {"Marijampolė", "LT", 2}, {"Ukmergė", "LT", 1}};

constexpr Word kLatvianMale[] = {"Jānis",  "Andris", "Kārlis", "Mārtiņš",   "Edgars", "Raimonds",
                                 "Guntis", "Artūrs", "Valdis", "Krišjānis", "Ģirts",  "Oskars"};
constexpr Word kLatvianFemale[] = {"Anna", "Līga",  "Ilze", "Inese",  "Kristīne", "Dace",
                                   "Ieva", "Baiba", "Zane", "Sanita", "Agnese",   "Mārīte"};
constexpr Surname kLatvianFamily[] = {
    {"Bērziņš", "Bērziņa"}, {"Kalniņš", "Kalniņa"},     {"Ozoliņš", "Ozoliņa"},
    {"Jansons", "Jansone"}, {"Ozols", "Ozola"},         {"Liepiņš", "Liepiņa"},
    {"Krūmiņš", "Krūmiņa"}, {"Balodis", "Balode"},      {"Eglītis", "Eglīte"},
    {"Zariņš", "Zariņa"},   {"Pētersons", "Pētersone"}, {"Vītols", "Vītola"},
    {"Kļaviņš", "Kļaviņa"}, {"Ķēniņš", "Ķēniņa"}};
constexpr City kLatvianCityList[] = {
    {"Rīga", "LV", 40},   {"Daugavpils", "LV", 6}, {"Liepāja", "LV", 5},  {"Jelgava", "LV", 4},
    {"Jūrmala", "LV", 3}, {"Cēsis", "LV", 2},      {"Ventspils", "LV", 2}};

constexpr Word kSwedishMale[] = {"Erik", "Lars",  "Anders", "Johan", "Per", "Karl",
                                 "Nils", "Björn", "Mikael", "Olof",  "Åke", "Göran"};
constexpr Word kSwedishFemale[] = {"Anna", "Eva",    "Karin", "Maria", "Kristina", "Ingrid",
                                   "Åsa",  "Linnéa", "Elsa",  "Sofia", "Märta",    "Maja"};
constexpr Surname kSwedishFamily[] = {
    "Andersson", "Johansson", "Karlsson", "Nilsson",    "Eriksson",  "Larsson",
    "Olsson",    "Persson",   "Svensson", "Gustafsson", "Lindström", "Åberg",
    "Sjöberg",   "Ågren",     "Öberg",    "Bäckström",  "Löfgren",   "Engström"};
constexpr City kSwedishCityList[] = {
    {"Stockholm", "SE", 30}, {"Göteborg", "SE", 12}, {"Malmö", "SE", 8},
    {"Uppsala", "SE", 5},    {"Västerås", "SE", 3},  {"Örebro", "SE", 3},
    {"Linköping", "SE", 3},  {"Umeå", "SE", 2},      {"Lund", "SE", 3}};

constexpr Word kNorwegianMale[] = {"Ole",   "Lars",   "Knut", "Øyvind", "Håkon",
                                   "Bjørn", "Sigurd", "Arne", "Jørgen", "Magnus"};
constexpr Word kNorwegianFemale[] = {"Ingrid",   "Solveig", "Kari", "Åse",  "Sigrid",
                                     "Ragnhild", "Marit",   "Siri", "Tone", "Bjørg"};
constexpr Surname kNorwegianFamily[] = {"Hansen",   "Johansen", "Olsen",       "Larsen", "Andersen",
                                        "Pedersen", "Nilsen",   "Kristiansen", "Haugen", "Solberg",
                                        "Bakke",    "Strøm",    "Dahl",        "Lie",    "Sæther",
                                        "Løvås",    "Aas"};
constexpr City kNorwegianCityList[] = {
    {"Oslo", "NO", 30},  {"Bergen", "NO", 10}, {"Trondheim", "NO", 7},   {"Stavanger", "NO", 5},
    {"Tromsø", "NO", 3}, {"Bodø", "NO", 2},    {"Kristiansand", "NO", 3}};

constexpr Word kDanishMale[] = {"Søren",  "Jens",     "Mads",   "Rasmus", "Niels",
                                "Mikkel", "Frederik", "Anders", "Bent",   "Jørn"};
constexpr Word kDanishFemale[] = {"Mette", "Karen",   "Anne",  "Sofie",  "Ida",
                                  "Freja", "Kirsten", "Signe", "Birthe", "Lærke"};
constexpr Surname kDanishFamily[] = {
    "Nielsen", "Jensen",   "Hansen",    "Pedersen",  "Andersen", "Christensen",
    "Larsen",  "Sørensen", "Rasmussen", "Jørgensen", "Madsen",   "Kristensen",
    "Møller",  "Thomsen",  "Poulsen",   "Kjærgaard", "Højgaard", "Bødker"};
constexpr City kDanishCityList[] = {
    {"København", "DK", 30}, {"Aarhus", "DK", 10}, {"Odense", "DK", 6},  {"Aalborg", "DK", 5},
    {"Esbjerg", "DK", 3},    {"Næstved", "DK", 2}, {"Roskilde", "DK", 2}};

constexpr Word kIcelandicMale[] = {"Jón",   "Guðmundur", "Sigurður", "Gunnar", "Ólafur",
                                   "Einar", "Kristján",  "Þórður",   "Magnús", "Stefán"};
constexpr Word kIcelandicFemale[] = {"Guðrún", "Anna",   "Kristín", "Sigríður",  "Margrét",
                                     "Helga",  "Sigrún", "Þóra",    "Ingibjörg", "Hildur"};
// Patronymics, not family names: the same father gives -son and -dóttir.
constexpr Surname kIcelandicFamily[] = {
    {"Jónsson", "Jónsdóttir"},           {"Sigurðsson", "Sigurðardóttir"},
    {"Guðmundsson", "Guðmundsdóttir"},   {"Gunnarsson", "Gunnarsdóttir"},
    {"Ólafsson", "Ólafsdóttir"},         {"Einarsson", "Einarsdóttir"},
    {"Kristjánsson", "Kristjánsdóttir"}, {"Magnússon", "Magnúsdóttir"},
    {"Stefánsson", "Stefánsdóttir"},     {"Þórðarson", "Þórðardóttir"},
    {"Halldórsson", "Halldórsdóttir"},   {"Björnsson", "Björnsdóttir"}};
constexpr City kIcelandicCityList[] = {{"Reykjavík", "IS", 30},    {"Kópavogur", "IS", 6},
                                       {"Hafnarfjörður", "IS", 5}, {"Akureyri", "IS", 4},
                                       {"Garðabær", "IS", 3},      {"Selfoss", "IS", 1}};

constexpr Word kTurkishMale[] = {"Mehmet",  "Mustafa", "Ahmet", "Ali",   "Hüseyin", "Hasan",
                                 "İbrahim", "İsmail",  "Murat", "Emre",  "Burak",   "Oğuz",
                                 "Yusuf",   "Ömer",    "Cem",   "Barış", "Serkan",  "Kadir",
                                 "Çağlar",  "Tolga",   "Eren",  "Uğur",  "Furkan",  "Doğan"};
constexpr Word kTurkishFemale[] = {"Ayşe",   "Fatma", "Emine",  "Hatice", "Zeynep", "Elif",
                                   "Merve",  "Özlem", "Gülşen", "Şule",   "Büşra",  "Yağmur",
                                   "Derya",  "Esra",  "Sevgi",  "Tuğba",  "Gül",    "Ebru",
                                   "Nesrin", "Ilgın", "Çiğdem", "Sibel",  "Aslı",   "Dilek"};
constexpr Surname kTurkishFamily[] = {
    "Yılmaz", "Kaya",    "Demir",  "Şahin",  "Çelik",   "Yıldız",  "Yıldırım", "Öztürk",
    "Aydın",  "Özdemir", "Arslan", "Doğan",  "Kılıç",   "Aslan",   "Çetin",    "Kara",
    "Koç",    "Kurt",    "Özkan",  "Şimşek", "Güneş",   "Ağaoğlu", "Işık",     "Uğurlu",
    "Polat",  "Korkmaz", "Erdem",  "Güler",  "Bozkurt", "Tekin"};
constexpr City kTurkishCityList[] = {
    {"İstanbul", "TR", 35}, {"Ankara", "TR", 12},   {"İzmir", "TR", 10},     {"Bursa", "TR", 5},
    {"Antalya", "TR", 4},   {"Eskişehir", "TR", 3}, {"Diyarbakır", "TR", 3}, {"Muğla", "TR", 2},
    {"Şanlıurfa", "TR", 2}, {"Gaziantep", "TR", 3}};

constexpr Word kRomanianMale[] = {"Andrei",   "Alexandru",  "Mihai",   "Ion",    "Ștefan",
                                  "Gheorghe", "Constantin", "Florin",  "Bogdan", "Cristian",
                                  "Vasile",   "Radu",       "Dumitru", "Marius", "Răzvan",
                                  "Cătălin",  "Ionuț",      "Sorin"};
constexpr Word kRomanianFemale[] = {"Maria",    "Elena",    "Ioana",     "Ana",      "Andreea",
                                    "Mihaela",  "Cristina", "Alexandra", "Gabriela", "Ramona",
                                    "Simona",   "Loredana", "Roxana",    "Oana",     "Ileana",
                                    "Mădălina", "Bianca",   "Irina"};
constexpr Surname kRomanianFamily[] = {
    "Popescu", "Ionescu",  "Popa",       "Pop",        "Radu",     "Dumitru", "Stan",
    "Stoica",  "Gheorghe", "Matei",      "Constantin", "Rusu",     "Ciobanu", "Munteanu",
    "Țurcanu", "Lungu",    "Ștefănescu", "Toma",       "Moldovan", "Sârbu",   "Bălan",
    "Tănase",  "Dobre",    "Nistor",     "Cozma",      "Șerban",   "Țăranu",  "Mureșan"};
constexpr City kRomanianCityList[] = {
    {"București", "RO", 30}, {"Cluj-Napoca", "RO", 10}, {"Timișoara", "RO", 8},
    {"Iași", "RO", 8},       {"Constanța", "RO", 5},    {"Brașov", "RO", 5},
    {"Sibiu", "RO", 3},      {"Târgu Mureș", "RO", 2},  {"Oradea", "RO", 3},
    {"Chișinău", "MD", 8},   {"Bălți", "MD", 2}};

constexpr Word kHungarianMale[] = {"László", "István", "József", "János",  "Zoltán", "Sándor",
                                   "Gábor",  "Ferenc", "Attila", "Péter",  "Tamás",  "Zsolt",
                                   "Balázs", "Ödön",   "Győző",  "Levente"};
constexpr Word kHungarianFemale[] = {
    "Mária", "Erzsébet", "Katalin",   "Ilona",  "Éva",   "Anna",   "Zsuzsanna", "Márta",
    "Judit", "Ágnes",    "Krisztina", "Andrea", "Enikő", "Csilla", "Tünde",     "Réka"};
constexpr Surname kHungarianFamily[] = {
    "Nagy",    "Kovács",   "Tóth",   "Szabó",   "Horváth", "Varga",  "Kiss",
    "Molnár",  "Németh",   "Farkas", "Balogh",  "Papp",    "Takács", "Juhász",
    "Lakatos", "Mészáros", "Oláh",   "Rácz",    "Fekete",  "Szőke",  "Győri",
    "Hegedűs", "Bíró",     "Fűzi",   "Székely", "Szűcs",   "Pintér", "Vörös"};
constexpr City kHungarianCityList[] = {
    {"Budapest", "HU", 40},      {"Debrecen", "HU", 6},  {"Szeged", "HU", 5},
    {"Pécs", "HU", 5},           {"Győr", "HU", 4},      {"Miskolc", "HU", 4},
    {"Székesfehérvár", "HU", 3}, {"Kecskemét", "HU", 3}, {"Cluj-Napoca", "RO", 3}};

constexpr Word kVietnameseMale[] = {"Anh",  "Dũng",  "Hùng", "Tuấn", "Long", "Nam",  "Hải",
                                    "Quân", "Thắng", "Khoa", "Huy",  "Đạt",  "Phúc", "Bảo"};
constexpr Word kVietnameseFemale[] = {"Ánh", "Hương", "Lan",    "Linh", "Trang", "Thảo", "Hà",
                                      "Mai", "Ngọc",  "Phương", "Hằng", "Yến",   "Trâm", "Nhung"};
constexpr Surname kVietnameseFamily[] = {"Nguyễn", "Trần", "Lê",    "Phạm", "Hoàng", "Huỳnh",
                                         "Phan",   "Vũ",   "Võ",    "Đặng", "Bùi",   "Đỗ",
                                         "Hồ",     "Ngô",  "Dương", "Lý"};
// Vietnamese middle names mark gender more often than given names do.
constexpr Surname kVietnameseMiddle[] = {{"Văn", "Thị"},  {"Văn", "Thị"},  {"Văn", "Thị"},
                                         {"Đức", "Ngọc"}, {"Minh", "Thu"}, {"Quang", "Thanh"},
                                         {"Hữu", "Kim"},  {"Công", "Mỹ"}};
constexpr City kVietnameseCityList[] = {{"Hà Nội", "VN", 20},  {"Thành phố Hồ Chí Minh", "VN", 20},
                                        {"Đà Nẵng", "VN", 5},  {"Hải Phòng", "VN", 4},
                                        {"Huế", "VN", 3},      {"Praha", "CZ", 8},
                                        {"Warszawa", "PL", 3}, {"Leipzig", "DE", 6},
                                        {"Dresden", "DE", 4},  {"Rostock", "DE", 2}};

constexpr Word kDutchMale[] = {"Jan",  "Pieter",  "Johannes", "Willem", "Hendrik", "Daan",
                               "Sem",  "Bram",    "Thijs",    "Joost",  "Sjoerd",  "Gerrit",
                               "Ruud", "Maarten", "Kees",     "Wouter"};
constexpr Word kDutchFemale[] = {"Anna",    "Emma",     "Sanne",  "Femke", "Lotte", "Anouk",
                                 "Marieke", "Ingrid",   "Eline",  "Fleur", "Noor",  "Saskia",
                                 "Mirjam",  "Daniëlle", "Noëlle", "Zoë"};
constexpr Surname kDutchFamily[] = {"de Jong",
                                    "Jansen",
                                    "de Vries",
                                    "van den Berg",
                                    "van Dijk",
                                    "Bakker",
                                    "Janssen",
                                    "Visser",
                                    "Smit",
                                    "Meijer",
                                    "de Boer",
                                    "Mulder",
                                    "de Groot",
                                    "Bos",
                                    "Vos",
                                    "Peters",
                                    "Hendriks",
                                    "van Leeuwen",
                                    "Dekker",
                                    "Brouwer",
                                    "de Wit",
                                    "Dijkstra",
                                    "Smits",
                                    "de Graaf",
                                    "van der Meer",
                                    "van der Linden",
                                    "Kok",
                                    "Jacobs",
                                    "de Haan",
                                    "Vermeulen",
                                    "van den Heuvel",
                                    "van der Veen",
                                    "van Beek",
                                    "Claes",
                                    "Peeters",
                                    "Maes"};
constexpr City kDutchCityList[] = {{"Amsterdam", "NL", 25},
                                   {"Rotterdam", "NL", 12},
                                   {"Den Haag", "NL", 10},
                                   {"Utrecht", "NL", 8},
                                   {"Eindhoven", "NL", 5},
                                   {"Groningen", "NL", 5},
                                   {"'s-Hertogenbosch", "NL", 3},
                                   {"Nijmegen", "NL", 3},
                                   {"Maastricht", "NL", 3},
                                   {"Antwerpen", "BE", 8},
                                   {"Gent", "BE", 6},
                                   {"Brugge", "BE", 3},
                                   {"Leuven", "BE", 3}};

constexpr Word kEnglishMale[] = {"James",  "John",   "William", "Thomas", "Patrick", "Seán",
                                 "Liam",   "Conor",  "Oliver",  "George", "Harry",   "Michael",
                                 "Daniel", "Ciarán", "Eoin",    "Robert", "Richard", "Edward"};
constexpr Word kEnglishFemale[] = {"Mary",     "Sarah",     "Emily",  "Charlotte", "Olivia",
                                   "Siobhán",  "Aoife",     "Niamh",  "Róisín",    "Caoimhe",
                                   "Grace",    "Emma",      "Sophie", "Hannah",    "Elizabeth",
                                   "Margaret", "Catherine", "Jessica"};
constexpr Surname kEnglishFamily[] = {
    "Smith",    "Jones",    "Williams", "Taylor", "Brown",          "Davies",
    "Evans",    "Wilson",   "Murphy",   "Kelly",  "O'Brien",        "O'Sullivan",
    "Walsh",    "O'Connor", "McCarthy", "Byrne",  "Ó Súilleabháin", "Mac Giolla Phádraig",
    "Thompson", "Robinson", "Wright",   "Clarke", "Campbell",       "MacDonald"};
constexpr City kEnglishCityList[] = {
    {"London", "GB", 30}, {"Manchester", "GB", 6}, {"Birmingham", "GB", 5}, {"Edinburgh", "GB", 5},
    {"Glasgow", "GB", 4}, {"Bristol", "GB", 4},    {"Cardiff", "GB", 3},    {"Belfast", "GB", 3},
    {"Dublin", "IE", 15}, {"Cork", "IE", 5},       {"Galway", "IE", 3},     {"Limerick", "IE", 2}};

// Nicknames some people put in quotes between their names.
struct Nickname {
  bool female;
  std::string_view given;
  std::string_view nick;
};
constexpr Nickname kEnglishNicknames[] = {{false, "William", "Bill"},  {false, "Robert", "Bob"},
                                          {false, "Richard", "Dick"},  {false, "Edward", "Ted"},
                                          {false, "Patrick", "Paddy"}, {true, "Elizabeth", "Liz"},
                                          {true, "Margaret", "Peggy"}, {true, "Catherine", "Kate"}};

// --- Other scripts -----------------------------------------------------------

constexpr Word kUkrainianMale[] = {{"Олександр", "oleksandr"}, {"Андрій", "andrii"},
                                   {"Тарас", "taras"},         {"Богдан", "bohdan"},
                                   {"Юрій", "yurii"},          {"Дмитро", "dmytro"},
                                   {"Євген", "yevhen"},        {"Ярослав", "yaroslav"},
                                   {"Сергій", "serhii"},       {"Володимир", "volodymyr"},
                                   {"Максим", "maksym"},       {"Олексій", "oleksii"},
                                   {"Віталій", "vitalii"},     {"Остап", "ostap"},
                                   {"Назар", "nazar"},         {"Іван", "ivan"}};
constexpr Word kUkrainianFemale[] = {
    {"Олена", "olena"},    {"Оксана", "oksana"},      {"Наталія", "nataliia"},
    {"Ірина", "iryna"},    {"Марія", "mariia"},       {"Софія", "sofiia"},
    {"Юлія", "yuliia"},    {"Катерина", "kateryna"},  {"Ганна", "hanna"},
    {"Тетяна", "tetiana"}, {"Світлана", "svitlana"},  {"Анастасія", "anastasiia"},
    {"Ольга", "olha"},     {"Христина", "khrystyna"}, {"Галина", "halyna"},
    {"Мар’яна", "mariana"}};
constexpr Surname kUkrainianFamily[] = {
    {{"Шевченко", "shevchenko"}},
    {{"Коваленко", "kovalenko"}},
    {{"Бондаренко", "bondarenko"}},
    {{"Ткаченко", "tkachenko"}},
    {{"Кравченко", "kravchenko"}},
    {{"Мельник", "melnyk"}},
    {{"Ковальчук", "kovalchuk"}},
    {{"Бойко", "boiko"}},
    {{"Лисенко", "lysenko"}},
    {{"Савчук", "savchuk"}},
    {{"Гнатюк", "hnatiuk"}},
    {{"Коваль", "koval"}},
    {{"Поліщук", "polishchuk"}},
    {{"Руденко", "rudenko"}},
    {{"Марченко", "marchenko"}},
    {{"Литвиненко", "lytvynenko"}},
    {{"Їжакевич", "yizhakevych"}},
    {{"Ґудзь", "gudz"}},
    {{"Єременко", "yeremenko"}},
    {{"Кушнір", "kushnir"}},
    {{"Заїка", "zaika"}},
    {{"Федорів", "fedoriv"}},
    {{"Гаврилюк", "havryliuk"}},
    {{"Ковалевський", "kovalevskyi"}, {"Ковалевська", "kovalevska"}},
    {{"Яворський", "yavorskyi"}, {"Яворська", "yavorska"}}};
constexpr Surname kUkrainianPatronymics[] = {
    {"Олександрович", "Олександрівна"}, {"Іванович", "Іванівна"},    {"Миколайович", "Миколаївна"},
    {"Петрович", "Петрівна"},           {"Васильович", "Василівна"}, {"Андрійович", "Андріївна"}};
constexpr City kUkrainianCityList[] = {{"Київ", "UA", 30},
                                       {"Львів", "UA", 15},
                                       {"Харків", "UA", 10},
                                       {"Одеса", "UA", 10},
                                       {"Дніпро", "UA", 8},
                                       {"Вінниця", "UA", 5},
                                       {"Івано-Франківськ", "UA", 4},
                                       {"Запоріжжя", "UA", 4},
                                       {"Чернівці", "UA", 3},
                                       {"Тернопіль", "UA", 3},
                                       {"Warszawa", "PL", 8},
                                       {"Kraków", "PL", 5},
                                       {"Praha", "CZ", 4},
                                       {"Wrocław", "PL", 3}};

constexpr Word kBelarusianMale[] = {
    {"Аляксандр", "aliaksandr"}, {"Алесь", "ales"},     {"Уладзімір", "uladzimir"},
    {"Міхась", "mikhas"},        {"Сяргей", "siarhei"}, {"Андрэй", "andrei"},
    {"Зміцер", "zmitser"},       {"Павел", "pavel"},    {"Ігар", "ihar"},
    {"Віктар", "viktar"},        {"Янка", "yanka"},     {"Тадэвуш", "tadevush"}};
constexpr Word kBelarusianFemale[] = {
    {"Святлана", "sviatlana"},  {"Вольга", "volha"},     {"Алена", "alena"},
    {"Марыя", "maryia"},        {"Ганна", "hanna"},      {"Наталля", "natallia"},
    {"Кацярына", "katsiaryna"}, {"Таццяна", "tatsiana"}, {"Марына", "maryna"},
    {"Юлія", "yulia"},          {"Ірына", "iryna"},      {"Аксана", "aksana"}};
constexpr Surname kBelarusianFamily[] = {
    {{"Быкаў", "bykau"}, {"Быкава", "bykava"}},
    {{"Лукашэвіч", "lukashevich"}},
    {{"Багдановіч", "bahdanovich"}},
    {{"Тарашкевіч", "tarashkevich"}},
    {{"Кавалёў", "kavaliou"}, {"Кавалёва", "kavaliova"}},
    {{"Мялешка", "mialeshka"}},
    {{"Каліноўскі", "kalinouski"}, {"Каліноўская", "kalinouskaya"}},
    {{"Мартыновіч", "martynovich"}},
    {{"Кузьміч", "kuzmich"}},
    {{"Навіцкі", "navitski"}, {"Навіцкая", "navitskaya"}},
    {{"Жук", "zhuk"}},
    {{"Ясюкевіч", "yasiukevich"}},
    {{"Марозаў", "marozau"}, {"Марозава", "marozava"}},
    {{"Сакалоўскі", "sakalouski"}, {"Сакалоўская", "sakalouskaya"}}};
constexpr City kBelarusianCityList[] = {
    {"Мінск", "BY", 30},   {"Minsk", "BY", 6},    {"Гомель", "BY", 6}, {"Магілёў", "BY", 5},
    {"Віцебск", "BY", 5},  {"Гродна", "BY", 6},   {"Брэст", "BY", 5},  {"Vilnius", "LT", 12},
    {"Warszawa", "PL", 8}, {"Białystok", "PL", 4}};

constexpr Word kRussianMale[] = {
    {"Александр", "aleksandr"}, {"Дмитрий", "dmitry"},    {"Сергей", "sergey"},
    {"Андрей", "andrey"},       {"Алексей", "alexey"},    {"Иван", "ivan"},
    {"Михаил", "mikhail"},      {"Николай", "nikolay"},   {"Фёдор", "fedor"},
    {"Пётр", "petr"},           {"Владимир", "vladimir"}, {"Артём", "artem"}};
constexpr Word kRussianFemale[] = {
    {"Наталья", "natalya"}, {"Ольга", "olga"},  {"Екатерина", "ekaterina"},
    {"Анна", "anna"},       {"Мария", "maria"}, {"Татьяна", "tatiana"},
    {"Елена", "elena"},     {"Алёна", "alena"}, {"Юлия", "yulia"},
    {"Ксения", "ksenia"},   {"Дарья", "darya"}, {"Светлана", "svetlana"}};
constexpr Surname kRussianFamily[] = {{{"Иванов", "ivanov"}, {"Иванова", "ivanova"}},
                                      {{"Смирнов", "smirnov"}, {"Смирнова", "smirnova"}},
                                      {{"Кузнецов", "kuznetsov"}, {"Кузнецова", "kuznetsova"}},
                                      {{"Попов", "popov"}, {"Попова", "popova"}},
                                      {{"Соколов", "sokolov"}, {"Соколова", "sokolova"}},
                                      {{"Лебедев", "lebedev"}, {"Лебедева", "lebedeva"}},
                                      {{"Морозов", "morozov"}, {"Морозова", "morozova"}},
                                      {{"Волков", "volkov"}, {"Волкова", "volkova"}},
                                      {{"Новиков", "novikov"}, {"Новикова", "novikova"}},
                                      {{"Фёдоров", "fedorov"}, {"Фёдорова", "fedorova"}},
                                      {{"Козлов", "kozlov"}, {"Козлова", "kozlova"}},
                                      {{"Павлов", "pavlov"}, {"Павлова", "pavlova"}},
                                      {{"Орлов", "orlov"}, {"Орлова", "orlova"}},
                                      {{"Зайцев", "zaitsev"}, {"Зайцева", "zaitseva"}},
                                      {{"Белов", "belov"}, {"Белова", "belova"}},
                                      {{"Соловьёв", "solovyov"}, {"Соловьёва", "solovyova"}}};
constexpr Surname kRussianPatronymics[] = {
    {"Александрович", "Александровна"}, {"Сергеевич", "Сергеевна"}, {"Николаевич", "Николаевна"},
    {"Владимирович", "Владимировна"},   {"Иванович", "Ивановна"},   {"Михайлович", "Михайловна"}};
constexpr City kRussianCityList[] = {
    {"Москва", "RU", 30},      {"Санкт-Петербург", "RU", 20}, {"Новосибирск", "RU", 4},
    {"Екатеринбург", "RU", 4}, {"Казань", "RU", 3},           {"Нижний Новгород", "RU", 3},
    {"Tbilisi", "GE", 6},      {"Yerevan", "AM", 5},          {"Beograd", "RS", 3},
    {"Rīga", "LV", 4},         {"Almaty", "KZ", 3},           {"Limassol", "CY", 2}};

constexpr Word kGreekMale[] = {{"Γιώργος", "giorgos"},   {"Νίκος", "nikos"},
                               {"Δημήτρης", "dimitris"}, {"Κώστας", "kostas"},
                               {"Γιάννης", "giannis"},   {"Παναγιώτης", "panagiotis"},
                               {"Βασίλης", "vasilis"},   {"Χρήστος", "christos"},
                               {"Αντώνης", "antonis"},   {"Σπύρος", "spyros"}};
constexpr Word kGreekFemale[] = {{"Μαρία", "maria"},        {"Ελένη", "eleni"},
                                 {"Κατερίνα", "katerina"},  {"Σοφία", "sofia"},
                                 {"Δέσποινα", "despoina"},  {"Αναστασία", "anastasia"},
                                 {"Βασιλική", "vasiliki"},  {"Γεωργία", "georgia"},
                                 {"Χριστίνα", "christina"}, {"Ευαγγελία", "evangelia"}};
constexpr Surname kGreekFamily[] = {
    {{"Παπαδόπουλος", "papadopoulos"}, {"Παπαδοπούλου", "papadopoulou"}},
    {{"Παπαδάκης", "papadakis"}, {"Παπαδάκη", "papadaki"}},
    {{"Γεωργίου", "georgiou"}},
    {{"Οικονόμου", "oikonomou"}},
    {{"Νικολάου", "nikolaou"}},
    {{"Βασιλείου", "vasileiou"}},
    {{"Καραγιάννης", "karagiannis"}, {"Καραγιάννη", "karagianni"}},
    {{"Μαυρίδης", "mavridis"}, {"Μαυρίδου", "mavridou"}},
    {{"Ιωάννου", "ioannou"}},
    {{"Κωνσταντινίδης", "konstantinidis"}, {"Κωνσταντινίδου", "konstantinidou"}},
    {{"Πετρόπουλος", "petropoulos"}, {"Πετροπούλου", "petropoulou"}}};
constexpr City kGreekCityList[] = {
    {"Αθήνα", "GR", 35},   {"Θεσσαλονίκη", "GR", 20}, {"Πάτρα", "GR", 6},
    {"Ηράκλειο", "GR", 6}, {"Λάρισα", "GR", 4},       {"Ιωάννινα", "GR", 3},
    {"Βόλος", "GR", 3},    {"Λευκωσία", "CY", 6},     {"Λεμεσός", "CY", 4}};

constexpr Word kArabicMale[] = {{"محمد", "mohammed"}, {"أحمد", "ahmad"},      {"علي", "ali"},
                                {"عمر", "omar"},      {"يوسف", "yousef"},     {"خالد", "khaled"},
                                {"حسن", "hassan"},    {"إبراهيم", "ibrahim"}, {"سامي", "sami"},
                                {"كريم", "karim"},    {"طارق", "tareq"},      {"مصطفى", "mustafa"}};
constexpr Word kArabicFemale[] = {{"فاطمة", "fatima"}, {"مريم", "maryam"}, {"نور", "nour"},
                                  {"ليلى", "layla"},   {"سارة", "sara"},   {"رنا", "rana"},
                                  {"هدى", "huda"},     {"آية", "aya"},     {"ياسمين", "yasmin"},
                                  {"زينب", "zainab"},  {"دعاء", "duaa"},   {"ريم", "reem"}};
constexpr Surname kArabicFamily[] = {
    {{"الأحمد", "alahmad"}},    {{"حداد", "haddad"}},     {{"الخطيب", "alkhatib"}},
    {{"النجار", "alnajjar"}},   {{"المصري", "almasri"}},  {{"العلي", "alali"}},
    {{"حسين", "hussein"}},      {{"منصور", "mansour"}},   {{"سليمان", "suleiman"}},
    {{"عبد الله", "abdullah"}}, {{"الحلبي", "alhalabi"}}, {{"درويش", "darwish"}},
    {{"الشامي", "alshami"}},    {{"قاسم", "qasim"}}};
constexpr City kArabicCityList[] = {
    {"دمشق", "SY", 8},       {"حلب", "SY", 6},           {"بيروت", "LB", 8},  {"القاهرة", "EG", 10},
    {"الإسكندرية", "EG", 4}, {"عمّان", "JO", 6},          {"بغداد", "IQ", 6},  {"أربيل", "IQ", 2},
    {"تونس", "TN", 4},       {"الدار البيضاء", "MA", 5}, {"الرباط", "MA", 3}, {"الجزائر", "DZ", 3}};

// Persian with its own yeh and keheh, and ZWNJ where the name needs it.
constexpr Word kPersianMale[] = {
    {"علی", "ali"},      {"محمد", "mohammad"},       {"رضا", "reza"},
    {"حسین", "hossein"}, {"امیر", "amir"},           {"مهدی", "mehdi"},
    {"سعید", "saeed"},   {"بهرام", "bahram"},        {"کوروش", "kourosh"},
    {"آرش", "arash"},    {"امیرحسین", "amirhossein"}};
constexpr Word kPersianFemale[] = {{"مریم", "maryam"}, {"زهرا", "zahra"},     {"فاطمه", "fatemeh"},
                                   {"سارا", "sara"},   {"نگار", "negar"},     {"شیرین", "shirin"},
                                   {"لیلا", "leila"},  {"پریسا", "parisa"},   {"نسرین", "nasrin"},
                                   {"مهسا", "mahsa"},  {"نیلوفر", "niloufar"}};
constexpr Surname kPersianFamily[] = {{{"محمدی\u200cنژاد", "mohammadinejad"}},
                                      {{"احمدی", "ahmadi"}},
                                      {{"حسینی", "hosseini"}},
                                      {{"رضایی", "rezaei"}},
                                      {{"کریمی", "karimi"}},
                                      {{"موسوی", "mousavi"}},
                                      {{"جعفری", "jafari"}},
                                      {{"صادقی", "sadeghi"}},
                                      {{"قاسمی\u200cپور", "ghasemipour"}},
                                      {{"رحیمی", "rahimi"}},
                                      {{"تهرانی", "tehrani"}},
                                      {{"میرزایی", "mirzaei"}},
                                      {{"نوری\u200cزاده", "nourizadeh"}},
                                      {{"شریعتی", "shariati"}}};
constexpr City kPersianCityList[] = {{"تهران", "IR", 30}, {"اصفهان", "IR", 8}, {"شیراز", "IR", 8},
                                     {"مشهد", "IR", 6},   {"تبریز", "IR", 6},  {"کرج", "IR", 4},
                                     {"رشت", "IR", 3}};

constexpr Word kHebrewMale[] = {{"דוד", "david"},     {"יוסף", "yosef"},    {"משה", "moshe"},
                                {"אברהם", "avraham"}, {"יונתן", "yonatan"}, {"אורי", "uri"},
                                {"נועם", "noam"},     {"איתי", "itai"}};
constexpr Word kHebrewFemale[] = {{"נועה", "noa"},  {"תמר", "tamar"},     {"מיכל", "michal"},
                                  {"שרה", "sara"},  {"רחל", "rachel"},    {"יעל", "yael"},
                                  {"מאיה", "maya"}, {"אביגיל", "avigail"}};
constexpr Surname kHebrewFamily[] = {{{"כהן", "cohen"}},        {{"לוי", "levi"}},
                                     {{"מזרחי", "mizrahi"}},    {{"פרץ", "peretz"}},
                                     {{"ביטון", "biton"}},      {{"אברהם", "avraham"}},
                                     {{"פרידמן", "friedman"}},  {{"שפירא", "shapira"}},
                                     {{"גולדברג", "goldberg"}}, {{"רוזנברג", "rosenberg"}}};
constexpr City kHebrewCityList[] = {{"תל אביב-יפו", "IL", 25}, {"ירושלים", "IL", 20},
                                    {"חיפה", "IL", 12},        {"באר שבע", "IL", 5},
                                    {"רמת גן", "IL", 4},       {"הרצליה", "IL", 3}};

constexpr Word kHindiMale[] = {{"राहुल", "rahul"},   {"अर्जुन", "arjun"},        {"विक्रम", "vikram"},
                               {"आदित्य", "aditya"}, {"सिद्धार्थ", "siddharth"}, {"अमित", "amit"},
                               {"रोहित", "rohit"},  {"कृष्णा", "krishna"},      {"प्रकाश", "prakash"},
                               {"संजय", "sanjay"}};
constexpr Word kHindiFemale[] = {{"प्रिया", "priya"},  {"श्रेया", "shreya"}, {"लक्ष्मी", "lakshmi"},
                                 {"अनन्या", "ananya"}, {"पूजा", "pooja"},   {"दीपिका", "deepika"},
                                 {"स्नेहा", "sneha"},   {"नेहा", "neha"},    {"ऐश्वर्या", "aishwarya"},
                                 {"कविता", "kavita"}};
constexpr Surname kHindiFamily[] = {
    {{"शर्मा", "sharma"}},      {{"वर्मा", "verma"}},          {{"गुप्ता", "gupta"}},
    {{"मिश्रा", "mishra"}},     {{"श्रीवास्तव", "srivastava"}}, {{"सिंह", "singh"}},
    {{"त्रिपाठी", "tripathi"}}, {{"चतुर्वेदी", "chaturvedi"}},   {{"अग्रवाल", "agarwal"}},
    {{"जोशी", "joshi"}},       {{"द्विवेदी", "dwivedi"}},      {{"पटेल", "patel"}}};
constexpr City kHindiCityList[] = {{"नई दिल्ली", "IN", 20}, {"मुंबई", "IN", 15},    {"लखनऊ", "IN", 6},
                                   {"जयपुर", "IN", 6},      {"वाराणसी", "IN", 4}, {"पटना", "IN", 4},
                                   {"भोपाल", "IN", 4},     {"पुणे", "IN", 6}};

constexpr Word kBengaliMale[] = {{"রাহুল", "rahul"},    {"সৌমিত্র", "soumitra"}, {"অর্ক", "arka"},
                                 {"তানভীর", "tanvir"}, {"আরিফ", "arif"},       {"সুমন", "suman"},
                                 {"রফিক", "rafiq"},    {"দেবাশিস", "debashis"}};
constexpr Word kBengaliFemale[] = {
    {"সুমাইয়া", "sumaiya"}, {"তানিয়া", "tania"}, {"ফারহানা", "farhana"},  {"প্রিয়াঙ্কা", "priyanka"},
    {"মৌমিতা", "moumita"}, {"নুসরাত", "nusrat"}, {"শ্রাবন্তী", "srabanti"}, {"রুমানা", "rumana"}};
constexpr Surname kBengaliFamily[] = {{{"রহমান", "rahman"}},
                                      {{"হোসেন", "hossain"}},
                                      {{"চৌধুরী", "chowdhury"}},
                                      {{"ইসলাম", "islam"}},
                                      {{"আহমেদ", "ahmed"}},
                                      {{"বন্দ্যোপাধ্যায়", "bandyopadhyay"}},
                                      {{"চট্টোপাধ্যায়", "chattopadhyay"}},
                                      {{"দাস", "das"}},
                                      {{"সেন", "sen"}},
                                      {{"মুখোপাধ্যায়", "mukhopadhyay"}}};
constexpr City kBengaliCityList[] = {{"ঢাকা", "BD", 30},   {"চট্টগ্রাম", "BD", 10},
                                     {"সিলেট", "BD", 5},   {"খুলনা", "BD", 4},
                                     {"কলকাতা", "IN", 20}, {"শিলিগুড়ি", "IN", 3}};

constexpr Word kTamilMale[] = {{"முருகன்", "murugan"}, {"கார்த்திக்", "karthik"}, {"அருண்", "arun"},
                               {"செந்தில்", "senthil"}, {"ராஜேஷ்", "rajesh"},    {"விஜய்", "vijay"},
                               {"சுரேஷ்", "suresh"},   {"பாலாஜி", "balaji"}};
constexpr Word kTamilFemale[] = {{"பிரியா", "priya"},  {"மீனா", "meena"},   {"லட்சுமி", "lakshmi"},
                                 {"கவிதா", "kavitha"}, {"திவ்யா", "divya"}, {"சரண்யா", "saranya"},
                                 {"அனிதா", "anitha"},  {"வள்ளி", "valli"}};
constexpr Surname kTamilFamily[] = {{{"சுப்பிரமணியம்", "subramaniam"}},
                                    {{"ராமசாமி", "ramasamy"}},
                                    {{"கிருஷ்ணன்", "krishnan"}},
                                    {{"வேலுசாமி", "velusamy"}},
                                    {{"நடராஜன்", "natarajan"}},
                                    {{"சண்முகம்", "shanmugam"}},
                                    {{"பாலசுப்பிரமணியன்", "balasubramanian"}},
                                    {{"கோபாலன்", "gopalan"}}};
constexpr City kTamilCityList[] = {{"சென்னை", "IN", 30},      {"மதுரை", "IN", 10},
                                   {"கோயம்புத்தூர்", "IN", 10}, {"திருச்சிராப்பள்ளி", "IN", 5},
                                   {"யாழ்ப்பாணம்", "LK", 10},   {"கொழும்பு", "LK", 6}};

constexpr Word kChineseMale[] = {{"伟", "wei"},        {"强", "qiang"},    {"磊", "lei"},
                                 {"军", "jun"},        {"洋", "yang"},     {"杰", "jie"},
                                 {"涛", "tao"},        {"明", "ming"},     {"小明", "xiaoming"},
                                 {"浩然", "haoran"},   {"子轩", "zixuan"}, {"建国", "jianguo"},
                                 {"志强", "zhiqiang"}, {"宇航", "yuhang"}};
constexpr Word kChineseFemale[] = {{"芳", "fang"},       {"娜", "na"},      {"秀英", "xiuying"},
                                   {"敏", "min"},        {"静", "jing"},    {"丽", "li"},
                                   {"艳", "yan"},        {"娟", "juan"},    {"欣怡", "xinyi"},
                                   {"雨桐", "yutong"},   {"梓涵", "zihan"}, {"晓燕", "xiaoyan"},
                                   {"婷婷", "tingting"}, {"佳怡", "jiayi"}};
constexpr Surname kChineseFamily[] = {
    {{"王", "wang"}}, {{"李", "li"}},   {{"张", "zhang"}},    {{"刘", "liu"}},
    {{"陈", "chen"}}, {{"杨", "yang"}}, {{"赵", "zhao"}},     {{"黄", "huang"}},
    {{"周", "zhou"}}, {{"吴", "wu"}},   {{"徐", "xu"}},       {{"孙", "sun"}},
    {{"朱", "zhu"}},  {{"林", "lin"}},  {{"郭", "guo"}},      {{"何", "he"}},
    {{"高", "gao"}},  {{"罗", "luo"}},  {{"欧阳", "ouyang"}}, {{"司马", "sima"}}};
constexpr City kChineseCityList[] = {{"北京", "CN", 20}, {"上海", "CN", 20}, {"广州", "CN", 10},
                                     {"深圳", "CN", 10}, {"成都", "CN", 6},  {"杭州", "CN", 6},
                                     {"武汉", "CN", 5},  {"南京", "CN", 5},  {"香港", "HK", 6}};

// Taiwan writes traditional characters and its own romanisation.
constexpr Word kTaiwaneseMale[] = {
    {"志明", "chihming"}, {"俊傑", "chunchieh"}, {"建宏", "chienhung"}, {"冠宇", "kuanyu"},
    {"承恩", "chengen"},  {"家豪", "chiahao"},   {"宗翰", "tsunghan"},  {"柏翰", "pohan"}};
constexpr Word kTaiwaneseFemale[] = {{"怡君", "yichun"},   {"雅婷", "yating"}, {"淑芬", "shufen"},
                                     {"佳穎", "chiaying"}, {"欣妤", "hsinyu"}, {"詩涵", "shihhan"},
                                     {"宜蓁", "yichen"},   {"美玲", "meiling"}};
constexpr Surname kTaiwaneseFamily[] = {
    {{"陳", "chen"}}, {{"林", "lin"}}, {{"黃", "huang"}}, {{"張", "chang"}}, {{"李", "lee"}},
    {{"王", "wang"}}, {{"吳", "wu"}},  {{"劉", "liu"}},   {{"蔡", "tsai"}},  {{"楊", "yang"}}};
constexpr City kTaiwaneseCityList[] = {{"臺北", "TW", 20},
                                       {"新北", "TW", 10},
                                       {"臺中", "TW", 8},
                                       {"高雄", "TW", 8},
                                       {"臺南", "TW", 5}};

constexpr Word kJapaneseMale[] = {{"太郎", "taro"},      {"健太", "kenta"},   {"翔太", "shota"},
                                  {"大輔", "daisuke"},   {"拓也", "takuya"},  {"誠", "makoto"},
                                  {"ひろし", "hiroshi"}, {"蓮", "ren"},       {"悠真", "yuma"},
                                  {"大翔", "hiroto"},    {"健一", "kenichi"}, {"浩二", "koji"}};
constexpr Word kJapaneseFemale[] = {
    {"さくら", "sakura"}, {"陽子", "yoko"},     {"美咲", "misaki"},   {"結衣", "yui"},
    {"花子", "hanako"},   {"あおい", "aoi"},    {"愛", "ai"},         {"陽菜", "hina"},
    {"由美子", "yumiko"}, {"ゆかり", "yukari"}, {"真由美", "mayumi"}, {"エミ", "emi"}};
constexpr Surname kJapaneseFamily[] = {
    {{"佐藤", "sato"}},     {{"鈴木", "suzuki"}},   {{"高橋", "takahashi"}},
    {{"田中", "tanaka"}},   {{"伊藤", "ito"}},      {{"渡辺", "watanabe"}},
    {{"山本", "yamamoto"}}, {{"中村", "nakamura"}}, {{"小林", "kobayashi"}},
    {{"加藤", "kato"}},     {{"吉田", "yoshida"}},  {{"山田", "yamada"}},
    {{"斎藤", "saito"}},    {{"松本", "matsumoto"}}};
constexpr City kJapaneseCityList[] = {{"東京", "JP", 30},  {"大阪", "JP", 12}, {"横浜", "JP", 8},
                                      {"名古屋", "JP", 6}, {"京都", "JP", 6},  {"札幌", "JP", 5},
                                      {"福岡", "JP", 5},   {"神戸", "JP", 4}};

constexpr Word kKoreanMale[] = {{"민준", "minjun"},  {"서준", "seojun"},  {"도윤", "doyun"},
                                {"지훈", "jihoon"},  {"현우", "hyunwoo"}, {"준호", "junho"},
                                {"성민", "sungmin"}, {"동현", "donghyun"}};
constexpr Word kKoreanFemale[] = {{"서연", "seoyeon"}, {"지우", "jiwoo"},  {"민서", "minseo"},
                                  {"하은", "haeun"},   {"수빈", "subin"},  {"지민", "jimin"},
                                  {"예은", "yeeun"},   {"지영", "jiyoung"}};
constexpr Surname kKoreanFamily[] = {{{"김", "kim"}},  {{"이", "lee"}},  {{"박", "park"}},
                                     {{"최", "choi"}}, {{"정", "jung"}}, {{"강", "kang"}},
                                     {{"조", "cho"}},  {{"윤", "yoon"}}, {{"장", "jang"}},
                                     {{"임", "lim"}},  {{"한", "han"}},  {{"신", "shin"}}};
constexpr City kKoreanCityList[] = {{"서울", "KR", 35}, {"부산", "KR", 12}, {"인천", "KR", 8},
                                    {"대구", "KR", 6},  {"대전", "KR", 5},  {"광주", "KR", 5},
                                    {"수원", "KR", 4}};

constexpr Word kThaiMale[] = {{"สมชาย", "somchai"},   {"สมศักดิ์", "somsak"},    {"วิชัย", "wichai"},
                              {"ประเสริฐ", "prasert"}, {"ธนากร", "thanakorn"}, {"ณัฐพล", "nattapon"},
                              {"อนุชา", "anucha"},     {"กิตติ", "kitti"}};
constexpr Word kThaiFemale[] = {
    {"สุดา", "suda"},   {"มาลี", "malee"},       {"นภา", "napa"},         {"ปรียา", "preeya"},
    {"อรุณี", "arunee"}, {"กาญจนา", "kanchana"}, {"พิมพ์ชนก", "pimchanok"}, {"ศิริพร", "siriporn"}};
constexpr Surname kThaiFamily[] = {{{"ใจดี", "jaidee"}},         {{"ศรีสุข", "srisuk"}},
                                   {{"สุขสวัสดิ์", "suksawat"}},    {{"วงศ์สวัสดิ์", "wongsawat"}},
                                   {{"แก้วมณี", "kaewmanee"}},    {{"ทองดี", "thongdee"}},
                                   {{"บุญมา", "boonma"}},        {{"ศรีวงศ์", "sriwong"}},
                                   {{"รัตนพันธ์", "rattanaphan"}}, {{"เพชรรัตน์", "phetcharat"}}};
constexpr City kThaiCityList[] = {{"กรุงเทพมหานคร", "TH", 35},
                                  {"เชียงใหม่", "TH", 10},
                                  {"ภูเก็ต", "TH", 5},
                                  {"ขอนแก่น", "TH", 5},
                                  {"นครราชสีมา", "TH", 4}};

constexpr Word kGeorgianMale[] = {{"გიორგი", "giorgi"}, {"დავით", "davit"},     {"ლევან", "levan"},
                                  {"ირაკლი", "irakli"}, {"ნიკოლოზ", "nikoloz"}, {"ლაშა", "lasha"},
                                  {"ზურაბ", "zurab"},   {"გელა", "gela"}};
constexpr Word kGeorgianFemale[] = {
    {"ნინო", "nino"},           {"თამარ", "tamar"}, {"ანა", "ana"},       {"მარიამ", "mariam"},
    {"ეკატერინე", "ekaterine"}, {"ნათია", "natia"}, {"სალომე", "salome"}, {"ქეთევან", "ketevan"}};
constexpr Surname kGeorgianFamily[] = {
    {{"ბერიძე", "beridze"}},          {{"კაპანაძე", "kapanadze"}},
    {{"გელაშვილი", "gelashvili"}},    {{"მაისურაძე", "maisuradze"}},
    {{"ლომიძე", "lomidze"}},          {{"ჯავახიშვილი", "javakhishvili"}},
    {{"ხარაიშვილი", "kharaishvili"}}, {{"ნოზაძე", "nozadze"}},
    {{"წერეთელი", "tsereteli"}}};
constexpr City kGeorgianCityList[] = {
    {"თბილისი", "GE", 35}, {"ბათუმი", "GE", 10}, {"ქუთაისი", "GE", 8}, {"რუსთავი", "GE", 4}};

constexpr Word kArmenianMale[] = {{"Արամ", "aram"},   {"Տիգրան", "tigran"}, {"Նարեկ", "narek"},
                                  {"Գոռ", "gor"},     {"Դավիթ", "davit"},   {"Հայկ", "hayk"},
                                  {"Արմեն", "armen"}, {"Վահե", "vahe"}};
constexpr Word kArmenianFemale[] = {
    {"Անի", "ani"},     {"Մարիամ", "mariam"}, {"Լուսինե", "lusine"}, {"Սոնա", "sona"},
    {"Նաիրա", "naira"}, {"Աննա", "anna"},     {"Գայանե", "gayane"},  {"Արփի", "arpi"}};
constexpr Surname kArmenianFamily[] = {
    {{"Պետրոսյան", "petrosyan"}}, {{"Հովհաննիսյան", "hovhannisyan"}}, {{"Սարգսյան", "sargsyan"}},
    {{"Գրիգորյան", "grigoryan"}}, {{"Խաչատրյան", "khachatryan"}},     {{"Հակոբյան", "hakobyan"}},
    {{"Վարդանյան", "vardanyan"}}, {{"Կարապետյան", "karapetyan"}}};
constexpr City kArmenianCityList[] = {
    {"Երևան", "AM", 40}, {"Գյումրի", "AM", 8}, {"Վանաձոր", "AM", 6}};

// ---------------------------------------------------------------------------
// Groups

enum class Order : std::uint8_t {
  kGivenFamily,
  kFamilyGiven,  // Hungarian at home
  kVietnamese,   // family, middle, given
  kSpanish,      // given, father's surname, mother's surname
  kPortuguese,   // given names, mother's surname, father's surname
  kNoSpace,      // Chinese and Korean: family then given, no space
  kJapanese,     // family then given, with or without a space
};

enum class Ascii : std::uint8_t {
  kStored,  // non-Latin: every Word carries its romanisation
  kStrip,   // drop diacritics
  kGerman,  // ä ö ü become ae oe ue, as Germans write them in addresses
};

struct Variety {                    // each per 10,000 names
  std::uint16_t middle = 0;         // a second given name, a patronymic
  std::uint16_t double_family = 0;  // Müller-Lüdenscheidt
  std::uint16_t initial = 0;        // "A. Berg"
  std::uint16_t title = 0;          // "Dr."
  std::uint16_t comma = 0;          // "Berg, Anna", as some type into forms
  std::uint16_t nickname = 0;       // William "Bill" Smith
  std::uint16_t long_name = 0;      // compound names over 60 characters
};

constexpr Variety kLatinVariety{.middle = 400, .double_family = 100, .initial = 150, .comma = 30};

struct Group {
  std::uint32_t weight;  // per 10,000 signatures
  Order order;
  Ascii ascii;
  std::span<const Word> male;
  std::span<const Word> female;
  std::span<const Surname> family;
  Cities home;
  std::uint16_t abroad;  // per 10,000 living in Germany or Switzerland
  Variety variety{};
  std::span<const Surname> middle{};  // gendered middle names; else a second given name
  std::span<const std::string_view> titles{};
  std::span<const Nickname> nicknames{};
};

constexpr Group kGroups[] = {
    // About half: the campaign's home audience.
    {.weight = 5000,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kGerman,
     .male = kGermanMale,
     .female = kGermanFemale,
     .family = kGermanFamily,
     .home = cities(kGermanCityList),
     .abroad = 0,
     .variety = {.middle = 600, .double_family = 300, .initial = 150, .title = 150, .comma = 30},
     .titles = kGermanTitles},
    // About 30%: the rest of Latin-script Europe, plus the Vietnamese
    // diaspora of Germany and Czechia.
    {.weight = 330,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kFrenchMale,
     .female = kFrenchFemale,
     .family = kFrenchFamily,
     .home = cities(kFrenchCityList),
     .abroad = 1500,
     .variety = kLatinVariety},
    {.weight = 330,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kItalianMale,
     .female = kItalianFemale,
     .family = kItalianFamily,
     .home = cities(kItalianCityList),
     .abroad = 3000,
     .variety = kLatinVariety},
    {.weight = 260,
     .order = Order::kSpanish,
     .ascii = Ascii::kStrip,
     .male = kSpanishMale,
     .female = kSpanishFemale,
     .family = kSpanishFamily,
     .home = cities(kSpanishCityList),
     .abroad = 2000,
     .variety = {.initial = 100, .comma = 30, .long_name = 250}},
    {.weight = 180,
     .order = Order::kPortuguese,
     .ascii = Ascii::kStrip,
     .male = kPortugueseMale,
     .female = kPortugueseFemale,
     .family = kPortugueseFamily,
     .home = cities(kPortugueseCityList),
     .abroad = 3500,
     .variety = {.middle = 4000, .initial = 100, .comma = 30, .long_name = 400}},
    {.weight = 350,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kPolishMale,
     .female = kPolishFemale,
     .family = kPolishFamily,
     .home = cities(kPolishCityList),
     .abroad = 3500,
     .variety = kLatinVariety},
    {.weight = 140,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kCzechMale,
     .female = kCzechFemale,
     .family = kCzechFamily,
     .home = cities(kCzechCityList),
     .abroad = 1500,
     .variety = kLatinVariety},
    {.weight = 80,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kLithuanianMale,
     .female = kLithuanianFemale,
     .family = kLithuanianFamily,
     .home = cities(kLithuanianCityList),
     .abroad = 2000,
     .variety = kLatinVariety},
    {.weight = 60,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kLatvianMale,
     .female = kLatvianFemale,
     .family = kLatvianFamily,
     .home = cities(kLatvianCityList),
     .abroad = 2000,
     .variety = kLatinVariety},
    {.weight = 110,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kSwedishMale,
     .female = kSwedishFemale,
     .family = kSwedishFamily,
     .home = cities(kSwedishCityList),
     .abroad = 1500,
     .variety = kLatinVariety},
    {.weight = 70,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kNorwegianMale,
     .female = kNorwegianFemale,
     .family = kNorwegianFamily,
     .home = cities(kNorwegianCityList),
     .abroad = 1500,
     .variety = kLatinVariety},
    {.weight = 80,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kDanishMale,
     .female = kDanishFemale,
     .family = kDanishFamily,
     .home = cities(kDanishCityList),
     .abroad = 1500,
     .variety = kLatinVariety},
    {.weight = 30,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kIcelandicMale,
     .female = kIcelandicFemale,
     .family = kIcelandicFamily,
     .home = cities(kIcelandicCityList),
     .abroad = 1500,
     .variety = {.initial = 100}},
    {.weight = 300,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kTurkishMale,
     .female = kTurkishFemale,
     .family = kTurkishFamily,
     .home = cities(kTurkishCityList),
     .abroad = 7000,
     .variety = {.middle = 300, .initial = 100, .comma = 30}},
    {.weight = 180,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kRomanianMale,
     .female = kRomanianFemale,
     .family = kRomanianFamily,
     .home = cities(kRomanianCityList),
     .abroad = 3500,
     .variety = kLatinVariety},
    {.weight = 110,
     .order = Order::kFamilyGiven,
     .ascii = Ascii::kStrip,
     .male = kHungarianMale,
     .female = kHungarianFemale,
     .family = kHungarianFamily,
     .home = cities(kHungarianCityList),
     .abroad = 2500,
     .variety = kLatinVariety},
    {.weight = 130,
     .order = Order::kVietnamese,
     .ascii = Ascii::kStrip,
     .male = kVietnameseMale,
     .female = kVietnameseFemale,
     .family = kVietnameseFamily,
     .home = cities(kVietnameseCityList),
     .abroad = 5000,
     .variety = {.middle = 9000},
     .middle = kVietnameseMiddle},
    {.weight = 150,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kDutchMale,
     .female = kDutchFemale,
     .family = kDutchFamily,
     .home = cities(kDutchCityList),
     .abroad = 1500,
     .variety = kLatinVariety},
    {.weight = 110,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStrip,
     .male = kEnglishMale,
     .female = kEnglishFemale,
     .family = kEnglishFamily,
     .home = cities(kEnglishCityList),
     .abroad = 2000,
     .variety = {.middle = 800, .double_family = 50, .initial = 150, .comma = 30, .nickname = 300},
     .nicknames = kEnglishNicknames},
    // About 20%: other scripts, each a few percent or less.
    {.weight = 310,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kUkrainianMale,
     .female = kUkrainianFemale,
     .family = kUkrainianFamily,
     .home = cities(kUkrainianCityList),
     .abroad = 4500,
     .variety = {.middle = 1000},
     .middle = kUkrainianPatronymics},
    {.weight = 200,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kRussianMale,
     .female = kRussianFemale,
     .family = kRussianFamily,
     .home = cities(kRussianCityList),
     .abroad = 4500,
     .variety = {.middle = 1500, .initial = 100},
     .middle = kRussianPatronymics},
    {.weight = 170,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kBelarusianMale,
     .female = kBelarusianFemale,
     .family = kBelarusianFamily,
     .home = cities(kBelarusianCityList),
     .abroad = 3000},
    {.weight = 130,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kGreekMale,
     .female = kGreekFemale,
     .family = kGreekFamily,
     .home = cities(kGreekCityList),
     .abroad = 4000},
    {.weight = 230,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kArabicMale,
     .female = kArabicFemale,
     .family = kArabicFamily,
     .home = cities(kArabicCityList),
     .abroad = 5500},
    {.weight = 130,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kPersianMale,
     .female = kPersianFemale,
     .family = kPersianFamily,
     .home = cities(kPersianCityList),
     .abroad = 5000},
    {.weight = 80,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kHebrewMale,
     .female = kHebrewFemale,
     .family = kHebrewFamily,
     .home = cities(kHebrewCityList),
     .abroad = 2500},
    {.weight = 120,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kHindiMale,
     .female = kHindiFemale,
     .family = kHindiFamily,
     .home = cities(kHindiCityList),
     .abroad = 4000},
    {.weight = 60,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kBengaliMale,
     .female = kBengaliFemale,
     .family = kBengaliFamily,
     .home = cities(kBengaliCityList),
     .abroad = 3500},
    {.weight = 60,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kTamilMale,
     .female = kTamilFemale,
     .family = kTamilFamily,
     .home = cities(kTamilCityList),
     .abroad = 4500},
    {.weight = 130,
     .order = Order::kNoSpace,
     .ascii = Ascii::kStored,
     .male = kChineseMale,
     .female = kChineseFemale,
     .family = kChineseFamily,
     .home = cities(kChineseCityList),
     .abroad = 4500},
    {.weight = 30,
     .order = Order::kNoSpace,
     .ascii = Ascii::kStored,
     .male = kTaiwaneseMale,
     .female = kTaiwaneseFemale,
     .family = kTaiwaneseFamily,
     .home = cities(kTaiwaneseCityList),
     .abroad = 4000},
    {.weight = 100,
     .order = Order::kJapanese,
     .ascii = Ascii::kStored,
     .male = kJapaneseMale,
     .female = kJapaneseFemale,
     .family = kJapaneseFamily,
     .home = cities(kJapaneseCityList),
     .abroad = 4000},
    {.weight = 100,
     .order = Order::kNoSpace,
     .ascii = Ascii::kStored,
     .male = kKoreanMale,
     .female = kKoreanFemale,
     .family = kKoreanFamily,
     .home = cities(kKoreanCityList),
     .abroad = 4000},
    {.weight = 50,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kThaiMale,
     .female = kThaiFemale,
     .family = kThaiFamily,
     .home = cities(kThaiCityList),
     .abroad = 4000},
    {.weight = 50,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kGeorgianMale,
     .female = kGeorgianFemale,
     .family = kGeorgianFamily,
     .home = cities(kGeorgianCityList),
     .abroad = 3500},
    {.weight = 50,
     .order = Order::kGivenFamily,
     .ascii = Ascii::kStored,
     .male = kArmenianMale,
     .female = kArmenianFemale,
     .family = kArmenianFamily,
     .home = cities(kArmenianCityList),
     .abroad = 3500},
};

constexpr Cities kDiasporaCities = cities(kDiasporaCityList);

constexpr bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// A Word written {"Мельник", "melnyk"} where {{"Мельник", "melnyk"}} was
// meant becomes a Surname whose female form is "melnyk"; the same slip
// elsewhere leaves a name without its romanisation. Catch both at compile
// time rather than in someone's dossier.
constexpr bool stored_word_ok(const Word& w) {
  return !w.text.empty() && !is_ascii(w.text) && !w.ascii.empty() && is_ascii(w.ascii);
}

constexpr bool tables_ok() {
  std::uint32_t total = 0;
  for (const Group& g : kGroups) {
    total += g.weight;
    if (g.male.empty() || g.female.empty() || g.family.empty() || g.home.total == 0) return false;
    if (g.ascii != Ascii::kStored) continue;
    for (const Word& w : g.male)
      if (!stored_word_ok(w)) return false;
    for (const Word& w : g.female)
      if (!stored_word_ok(w)) return false;
    for (const Surname& s : g.family)
      if (!stored_word_ok(s.male) || !stored_word_ok(s.female)) return false;
  }
  return total == 10000;
}
static_assert(tables_ok(), "group weights must sum to 10000; non-Latin words need romanisations");

// ---------------------------------------------------------------------------
// ASCII for e-mail addresses

// Base letters of U+00C0..U+024F and U+1E00..U+1EFF (derived from the
// canonical decompositions; '?' expands to two letters, '_' has none).
constexpr std::string_view kLatinBase =
    "AAAAAA?CEEEEIIIIDNOOOOO_OUUUUY??aaaaaa?ceeeeiiiidnooooo_ouuuuy?y"
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi??JjKkqLlLlLlL"
    "lLlNnNnNnn??OoOoOo??RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz_"
    "_B________D_______f_____________Oo_____________Uu__Yy___________"
    "_____________AaIiOoUuUuUuUuUu_AaAa____GgKkOoOo__j___Gg__NnAa____"
    "AaAaEeEeIiIiOoOoRrRrUuUuSsTt__Hh______AaEeOoOoOoOoYy____________"
    "________________";
constexpr std::string_view kLatinExtendedAdditionalBase =
    "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMm"
    "MmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVv"
    "WwWwWwWwWwXxXxYyZzZzZzhtwy____?_AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEe"
    "EeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy______";
static_assert(kLatinBase.size() == 0x250 - 0xC0);
static_assert(kLatinExtendedAdditionalBase.size() == 0x100);

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
  char32_t c = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
  ++i;
  for (; extra > 0 && i < s.size(); --extra, ++i)
    c = (c << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return c;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Appends the lowercase ASCII letters of `text`; everything else (spaces,
// hyphens, apostrophes) is dropped, as people do in their addresses.
void append_ascii(std::string& out, std::string_view text, Ascii mode) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t c = next_code_point(text, i);
    if (c < 0x80) {
      const char a = lower(static_cast<char>(c));
      if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) out += a;
      continue;
    }
    if (mode == Ascii::kGerman) {
      switch (c) {
        case U'ä':
        case U'Ä':
          out += "ae";
          continue;
        case U'ö':
        case U'Ö':
          out += "oe";
          continue;
        case U'ü':
        case U'Ü':
          out += "ue";
          continue;
        default:
          break;
      }
    }
    switch (c) {
      case U'Æ':
      case U'æ':
        out += "ae";
        continue;
      case U'Œ':
      case U'œ':
        out += "oe";
        continue;
      case U'Þ':
      case U'þ':
        out += "th";
        continue;
      case U'ß':
      case U'ẞ':
        out += "ss";
        continue;
      case U'Ĳ':
      case U'ĳ':
        out += "ij";
        continue;
      case U'Ŋ':
      case U'ŋ':
        out += "ng";
        continue;
      default:
        break;
    }
    char base = '_';
    if (c >= 0xC0 && c < 0x250)
      base = kLatinBase[c - 0xC0];
    else if (c >= 0x1E00 && c < 0x1F00)
      base = kLatinExtendedAdditionalBase[c - 0x1E00];
    if (base != '_' && base != '?') out += lower(base);
  }
}

// ---------------------------------------------------------------------------
// Names and addresses

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view first_code_point(std::string_view s) {
  std::size_t i = 0;
  next_code_point(s, i);
  return s.substr(0, i);
}

const City& pick_city(Rng& rng, const Cities& list) {
  std::uint64_t r = rng.below(list.total);
  for (const City& c : list.items) {
    if (r < c.weight) return c;
    r -= c.weight;
  }
  return list.items.back();
}

const Group& pick_group(Rng& rng) {
  std::uint64_t r = rng.below(10000);
  for (const Group& g : kGroups) {
    if (r < g.weight) return g;
    r -= g.weight;
  }
  return kGroups[0];
}

struct Person {
  std::string name;
  std::string given_ascii;
  std::string family_ascii;
};

class NameMaker {
 public:
  NameMaker(Rng& rng, const Group& g, bool female, Person& p)
      : rng_(rng), g_(g), female_(female), p_(p) {}

  void make(bool abroad) {
    p_.name.clear();
    p_.given_ascii.clear();
    p_.family_ascii.clear();
    const Word& given = rng_.pick(female_ ? g_.female : g_.male);
    const Word& family = surname();
    ascii(p_.given_ascii, given);
    ascii(p_.family_ascii, family);
    const Variety& v = g_.variety;

    switch (g_.order) {
      case Order::kNoSpace:
        append(family.text);
        append(given.text);
        return;
      case Order::kJapanese:
        append(family.text);
        // Japanese forms get all three: no space, a space, an ideographic space.
        if (const auto r = rng_.below(10); r >= 4) append(r == 9 ? "\u3000" : " ");
        append(given.text);
        return;
      case Order::kVietnamese:
        append(family.text);
        if (rng_.chance(v.middle)) sep(surname_form(rng_.pick(g_.middle)).text);
        sep(given.text);
        return;
      case Order::kFamilyGiven:
        // Hungarians abroad tend to adopt the local order.
        if (!abroad) {
          append(family.text);
          sep(given.text);
          if (rng_.chance(v.middle)) sep(second_given(given).text);
          return;
        }
        break;
      case Order::kSpanish:
        if (rng_.chance(v.long_name)) return long_spanish(family);
        break;
      case Order::kPortuguese:
        if (rng_.chance(v.long_name)) return long_portuguese(given, family);
        break;
      case Order::kGivenFamily:
        break;
    }

    if (!g_.nicknames.empty() && rng_.chance(v.nickname)) {
      for (const Nickname& n : g_.nicknames) {
        if (n.female != female_ || rng_.below(3) != 0) continue;
        append(n.given);
        append(" \"");
        append(n.nick);
        append("\" ");
        append(family.text);
        p_.given_ascii.clear();
        append_ascii(p_.given_ascii, n.nick, g_.ascii);
        return;
      }
    }

    std::string_view middle;
    if (rng_.chance(v.middle))
      middle =
          g_.middle.empty() ? second_given(given).text : surname_form(rng_.pick(g_.middle)).text;
    const Word* second_family = nullptr;
    if (g_.order == Order::kSpanish) {
      second_family = &other_surname(family.text);
    } else if (g_.order == Order::kPortuguese) {
      // Portuguese put the mother's surname first; both are in daily use.
      second_family = &other_surname(family.text);
    } else if (rng_.chance(v.double_family)) {
      second_family = &other_surname(family.text);
    }
    const bool initial = rng_.chance(v.initial);

    if (rng_.chance(v.comma)) {
      append_family(family, second_family);
      append(", ");
      append(given.text);
      if (!middle.empty()) sep(middle);
      return;
    }
    if (!g_.titles.empty() && rng_.chance(v.title)) {
      append(rng_.pick(g_.titles));
      append(" ");
    }
    if (initial) {
      append(first_code_point(given.text));
      append(".");
    } else {
      append(given.text);
    }
    if (!middle.empty()) sep(middle);
    append(" ");
    append_family(family, second_family);
  }

 private:
  const Word& surname_form(const Surname& s) const { return female_ ? s.female : s.male; }
  const Word& surname() { return surname_form(rng_.pick(g_.family)); }

  const Word& other_surname(std::string_view not_this) {
    for (;;) {
      const Word& w = surname();
      if (w.text != not_this) return w;
    }
  }

  const Word& second_given(const Word& not_this) {
    const auto list = female_ ? g_.female : g_.male;
    for (;;) {
      const Word& w = rng_.pick(list);
      if (w.text != not_this.text) return w;
    }
  }

  void append_family(const Word& family, const Word* second) {
    append(family.text);
    if (second == nullptr) return;
    // Spaniards and Portuguese join their two surnames with a space, the
    // rest of Europe with a hyphen.
    append(g_.order == Order::kSpanish || g_.order == Order::kPortuguese ? " " : "-");
    append(second->text);
  }

  void long_spanish(const Word& family) {
    const std::string_view given = rng_.pick(female_ ? std::span<const Word>(kSpanishLongFemale)
                                                     : std::span<const Word>(kSpanishLongMale))
                                       .text;
    append(given);
    p_.given_ascii.clear();
    append_ascii(p_.given_ascii, given.substr(0, given.find(' ')), g_.ascii);
    long_compound(family, " y ");
  }

  void long_portuguese(const Word& given, const Word& family) {
    append(given.text);
    sep(second_given(given).text);
    long_compound(family, " e ");
  }

  // Surnames of both lines until the name passes 60 characters, the last
  // joined by "y" / "e" as in "Fernández de Córdoba y Martínez de Irujo".
  void long_compound(const Word& family, std::string_view conjunction) {
    std::array<std::string_view, 8> parts{family.text};
    std::size_t n = 1;
    std::size_t length =
        code_points(p_.name) + conjunction.size() - 1 + 1 + code_points(family.text);
    while (length <= 60 && n < parts.size()) {
      const std::string_view next = surname().text;
      if (std::find(parts.begin(), parts.begin() + n, next) != parts.begin() + n) continue;
      parts[n++] = next;
      length += 1 + code_points(next);
    }
    for (std::size_t k = 0; k < n; ++k) {
      append(k > 0 && k + 1 == n ? conjunction : " ");
      append(parts[k]);
    }
  }

  void ascii(std::string& out, const Word& w) const {
    if (g_.ascii == Ascii::kStored) {
      out += w.ascii;
    } else {
      append_ascii(out, w.text, g_.ascii);
    }
  }

  void append(std::string_view s) { p_.name += s; }
  void sep(std::string_view s) {
    p_.name += ' ';
    p_.name += s;
  }

  Rng& rng_;
  const Group& g_;
  bool female_;
  Person& p_;
};

constexpr std::string_view kHandleWords[] = {
    "sonnenblume", "bergsteiger", "nachteule", "wolke", "kaffee", "piano",   "nordlicht",
    "blue",        "fox",         "river",     "stern", "sunny",  "owl",     "lynx",
    "maple",       "reader",      "candle",    "pixel", "aurora", "kiwi",    "meer",
    "wanderer",    "lupo",        "gatto",     "sol",   "luna",   "mistral", "fjord",
    "birke",       "ahorn",       "vogel",     "zebra", "koala",  "falke",   "tulpe"};
constexpr std::string_view kDomains[] = {"example.org", "example.org", "example.com", "example.com",
                                         "example.net"};

void append_number(std::string& out, std::uint64_t n) {
  char digits[20];
  int len = 0;
  do {
    digits[len++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (len > 0) out += digits[--len];
}

void append_two_digits(std::string& out, std::uint64_t n) {
  out += static_cast<char>('0' + n / 10 % 10);
  out += static_cast<char>('0' + n % 10);
}

// Most addresses carry a number: with only first and last names, two
// Anna Müllers in Berlin would otherwise share one and look like the same
// person signing twice.
void make_email(Rng& rng, const Person& p, std::string& out) {
  out.clear();
  const std::string_view g = p.given_ascii;
  const std::string_view f = p.family_ascii;
  const auto style = rng.below(100);
  if (g.empty() || f.empty() || style >= 82) {
    out += rng.pick(std::span<const std::string_view>(kHandleWords));
    if (rng.below(3) == 0) {
      out += rng.below(2) == 0 ? '.' : '_';
      out += rng.pick(std::span<const std::string_view>(kHandleWords));
    }
    append_number(out, rng.below(10000));
  } else {
    if (style < 40) {
      out.append(g).append(".").append(f);
    } else if (style < 52) {
      out.append(g).append(f);
    } else if (style < 64) {
      out.append(g.substr(0, 1)).append(".").append(f);
    } else if (style < 70) {
      out.append(g).append("_").append(f);
    } else if (style < 76) {
      out.append(f).append(".").append(g);
    } else {
      out.append(f).append(g.substr(0, 1));
    }
    const auto suffix = rng.below(100);
    if (suffix < 30) {
      append_two_digits(out, 50 + rng.below(56));  // birth years 1950..2005
    } else if (suffix < 45) {
      append_number(out, 1950 + rng.below(56));
    } else if (suffix < 70) {
      append_number(out, 1 + rng.below(999));
    }
  }
  out += '@';
  out += rng.pick(std::span<const std::string_view>(kDomains));
}

// ---------------------------------------------------------------------------
// When people signed

constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void put_two_digits(char* p, unsigned n) {
  p[0] = static_cast<char>('0' + n / 10 % 10);
  p[1] = static_cast<char>('0' + n % 10);
}

// "YYYY-MM-DDTHH:MM:SSZ" (for years 0..9999).
void append_timestamp(std::string& out, std::int64_t t) {
  std::int64_t z = t / 86400;
  const auto secs = static_cast<unsigned>(t % 86400);
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const auto y = static_cast<unsigned>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
  char text[] = "0000-00-00T00:00:00Z";
  put_two_digits(text, y / 100);
  put_two_digits(text + 2, y % 100);
  put_two_digits(text + 5, m);
  put_two_digits(text + 8, d);
  put_two_digits(text + 11, secs / 3600);
  put_two_digits(text + 14, secs / 60 % 60);
  put_two_digits(text + 17, secs % 60);
  out.append(text, sizeof text - 1);
}

// The petition opened with the Nobel Peace Prize announcement, 2022-10-07
// 11:00 CEST, and ran until two days before the ceremony on 10 December.
constexpr std::int64_t kFirstDay = days_from_civil(2022, 10, 7);
constexpr std::int64_t kLastDay = days_from_civil(2022, 12, 8);
constexpr unsigned kOpeningHour = 9;  // UTC
constexpr std::int64_t kStart = kFirstDay * 86400 + kOpeningHour * 3600;

// Signatures per UTC hour of day: European evenings are busiest.
constexpr std::uint32_t kDiurnal[24] = {8,  5,  3,  2,  3,  8,  20, 40, 55, 60, 62, 65,
                                        70, 66, 62, 62, 68, 78, 90, 95, 85, 60, 35, 18};

// Relative weight of each hour from kStart: a surge on announcement day
// that decays over the following weeks, a second wave when the press picked
// the campaign up, and a run-up to the ceremony. Each hour is jittered so
// seeds differ in more than the names.
std::vector<std::uint32_t> hour_weights(Rng& rng) {
  std::vector<std::uint32_t> weights;
  weights.reserve(static_cast<std::size_t>(kLastDay - kFirstDay + 1) * 24);
  std::uint32_t decay = 940;
  std::uint32_t press = 0;
  for (std::int64_t day = kFirstDay; day <= kLastDay; ++day) {
    const auto index = day - kFirstDay;
    std::uint32_t w = 60 + decay;
    decay = decay * 4 / 5;
    if (index == 26) press = 200;
    w += press;
    press /= 2;
    if (index >= 58) w += static_cast<std::uint32_t>(index - 57) * 25;
    const auto weekday = (day + 4) % 7;  // 0 = Sunday
    if (weekday == 0) w = w * 11 / 10;
    if (weekday == 6) w = w * 9 / 10;
    for (unsigned hour = index == 0 ? kOpeningHour : 0; hour < 24; ++hour) {
      std::uint64_t x = std::uint64_t{w} * kDiurnal[hour] * (75 + rng.below(51));
      if (index == 0 && hour < kOpeningHour + 4) x *= 3;
      weights.push_back(static_cast<std::uint32_t>(x / 100 + 1));
    }
  }
  return weights;
}

// ---------------------------------------------------------------------------
// CSV

void append_field(std::string& out, std::string_view field) {
  bool plain = true;
  for (char c : field) plain &= c != ',' && c != '"' && c != '\r' && c != '\n';
  if (plain) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

struct Row {
  std::string name;
  std::string_view city;
  std::string_view country;
  std::string email;
  std::int64_t time = 0;
};

void append_row(std::string& out, const Row& row, std::int64_t time) {
  append_field(out, row.name);
  out += ',';
  append_field(out, row.city);
  out += ',';
  out += row.country;
  out += ',';
  append_timestamp(out, time);
  out += ',';
  out += row.email;
  out += '\n';
}

}  // namespace

void write_csv(std::ostream& out, std::uint64_t count, std::uint64_t seed) {
  constexpr std::size_t kFlushAt = 1 << 16;
  std::string buffer;
  buffer.reserve(kFlushAt + 1024);
  const auto write = [&] {
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    buffer.clear();
  };
  const auto flush_if_full = [&] {
    if (buffer.size() >= kFlushAt) write();
  };
  buffer += "name,city,country,signed_at,email\n";
  if (count == 0) return write();

  Rng rng(seed);
  const std::vector<std::uint32_t> weights = hour_weights(rng);
  std::uint64_t total = 0;
  for (auto w : weights) total += w;

  // Row i lands at a random point of the i-th of `count` equal slices of
  // the cumulative weight, so times come out sorted without holding or
  // sorting them, in integers only. floor(i * total / count) is kept as
  // quotient and remainder to stay exact for any count.
  const std::uint64_t step = total / count;
  const std::uint64_t step_rem = total % count;
  std::uint64_t slice = 0;
  std::uint64_t slice_rem = 0;
  std::size_t hour = 0;
  std::uint64_t hour_start = 0;

  // Re-signing happens soon after the first time (no confirmation mail,
  // a second device), so duplicates copy one of the last rows.
  constexpr std::size_t kRecent = 64;
  std::array<Row, kRecent> recent;
  std::uint64_t stored = 0;
  Person person;

  for (std::uint64_t i = 0; i < count; ++i) {
    const std::uint64_t x = slice + (step > 0 ? rng.below(step) : 0);
    slice += step;
    if (slice_rem >= count - step_rem) {
      slice_rem -= count - step_rem;
      ++slice;
    } else {
      slice_rem += step_rem;
    }
    while (x >= hour_start + weights[hour]) hour_start += weights[hour++];
    const std::int64_t time = kStart + static_cast<std::int64_t>(hour) * 3600 +
                              static_cast<std::int64_t>((x - hour_start) * 3600 / weights[hour]);

    if (stored > 0 && rng.chance(50)) {
      const Row& earlier = recent[rng.below(stored < kRecent ? stored : kRecent)];
      if (earlier.time < time) {
        append_row(buffer, earlier, time);
        flush_if_full();
        continue;
      }
    }

    const Group& group = pick_group(rng);
    const bool female = rng.below(2) == 0;
    const bool abroad = rng.chance(group.abroad);
    const City& city = pick_city(rng, abroad ? kDiasporaCities : group.home);
    NameMaker(rng, group, female, person).make(abroad);

    Row& slot = recent[stored++ % kRecent];
    slot.name = person.name;
    slot.city = city.name;
    slot.country = city.country;
    make_email(rng, person, slot.email);
    slot.time = time;
    append_row(buffer, slot, time);
    flush_if_full();
  }
  write();
}

}  // namespace dossier::sample

package io.mockdocker.internal.engine;

import java.util.List;

/**
 * Docker-like generated names ({@code adjective_surname}), picked deterministically from the container's ID so that
 * the engine's {@link java.util.Random} is not consumed; a name already taken gets a digit, as the daemon's retry did.
 */
final class ContainerNames {
  private static final List<String> LEFT = List.of("admiring", "affectionate", "agitated", "amazing", "angry",
      "awesome", "blissful", "bold", "boring", "brave", "busy", "charming", "clever", "compassionate", "competent",
      "condescending", "confident", "cool", "cranky", "crazy", "dazzling", "determined", "distracted", "dreamy",
      "eager", "ecstatic", "elastic", "elated", "elegant", "eloquent", "epic", "exciting", "fervent", "festive",
      "flamboyant", "focused", "friendly", "frosty", "funny", "gallant", "gifted", "goofy", "gracious", "great",
      "happy", "hardcore", "heuristic", "hopeful", "hungry", "infallible", "inspiring", "intelligent", "interesting",
      "jolly", "jovial", "keen", "kind", "laughing", "loving", "lucid", "magical", "modest", "musing", "mystifying",
      "naughty", "nervous", "nice", "nifty", "nostalgic", "objective", "optimistic", "peaceful", "pedantic",
      "pensive", "practical", "priceless", "quirky", "quizzical", "recursing", "relaxed", "reverent", "romantic",
      "sad", "serene", "sharp", "silly", "sleepy", "stoic", "strange", "stupefied", "suspicious", "sweet", "tender",
      "thirsty", "trusting", "unruffled", "upbeat", "vibrant", "vigilant", "vigorous", "wizardly", "wonderful",
      "xenodochial", "youthful", "zealous", "zen");
  private static final List<String> RIGHT = List.of("albattani", "allen", "almeida", "archimedes", "ardinghelli",
      "babbage", "banach", "bardeen", "bartik", "bassi", "bell", "benz", "bhabha", "blackwell", "bohr", "booth",
      "borg", "bose", "boyd", "brahmagupta", "brattain", "brown", "carson", "chandrasekhar", "clarke", "colden",
      "cori", "cray", "curie", "darwin", "davinci", "dijkstra", "dubinsky", "easley", "einstein", "elion",
      "engelbart", "euclid", "euler", "fermat", "fermi", "feynman", "franklin", "galileo", "gates", "goldberg",
      "goldstine", "golick", "goodall", "hamilton", "hawking", "heisenberg", "hermann", "hodgkin", "hoover",
      "hopper", "hugle", "hypatia", "jackson", "jang", "jennings", "jepsen", "johnson", "joliot", "jones", "kalam",
      "kare", "keller", "kepler", "khorana", "kilby", "kirch", "knuth", "kowalevski", "lalande", "lamarr",
      "lamport", "leakey", "leavitt", "lewin", "lichterman", "liskov", "lovelace", "lumiere", "mahavira", "mayer",
      "mccarthy", "mcclintock", "mclean", "mcnulty", "meitner", "meninsky", "mestorf", "mirzakhani", "morse",
      "murdock", "newton", "nightingale", "nobel", "noether", "northcutt", "noyce", "panini", "pare", "pascal",
      "pasteur", "payne", "perlman", "pike", "poincare", "poitras", "ptolemy", "raman", "ramanujan", "ride",
      "ritchie", "roentgen", "rosalind", "saha", "sammet", "shaw", "shirley", "shockley", "sinoussi", "snyder",
      "spence", "stallman", "stonebraker", "swanson", "swartz", "swirles", "tesla", "thompson", "torvalds", "turing",
      "varahamihira", "visvesvaraya", "volhard", "wescoff", "wiles", "williams", "wilson", "wing", "wozniak",
      "wright", "yalow", "yonath");

  private ContainerNames() {}

  /** The generated name for {@code id}; {@code taken} says which names are in use. */
  static String generate(String id, java.util.function.Predicate<String> taken) {
    int left = Integer.parseInt(id.substring(0, 6), 16) % LEFT.size();
    int right = Integer.parseInt(id.substring(6, 12), 16) % RIGHT.size();
    String base = LEFT.get(left) + "_" + RIGHT.get(right);
    if (base.equals("boring_wozniak")) { // Steve Wozniak is not boring, as the daemon says
      base = "bold_wozniak";
    }
    String name = base;
    for (int i = 0; taken.test(name); i++) {
      name = base + i;
    }
    return name;
  }
}

/// Namespace for the BotServer module; its types live beside this file.
public enum BotServerModule {}

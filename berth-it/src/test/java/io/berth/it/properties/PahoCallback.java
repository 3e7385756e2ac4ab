package io.berth.it.properties;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.util.function.BiConsumer;

/** A Paho MQTT 5 client callback that only passes arrived messages on. */
final class PahoCallback implements MqttCallback {

    private final BiConsumer<String, MqttMessage> onMessage;

    private PahoCallback(BiConsumer<String, MqttMessage> onMessage) {
        this.onMessage = onMessage;
    }

    static PahoCallback onMessage(BiConsumer<String, MqttMessage> onMessage) {
        return new PahoCallback(onMessage);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        onMessage.accept(topic, message);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
